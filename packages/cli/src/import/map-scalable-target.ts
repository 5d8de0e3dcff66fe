// An AAS scalable target → Gantry's target: the service, its bounds and its suspended state.
import { type AasScalableTarget, ECS_DESIRED_COUNT, ECS_NAMESPACE } from "@gantry/aws";
import type { TargetInput } from "@gantry/core";
import { failed, type Mapped, mapped } from "./import-finding.ts";

export function mapScalableTarget(target: AasScalableTarget): Mapped<TargetInput> {
  if (target.ServiceNamespace !== ECS_NAMESPACE) {
    return failed(`ServiceNamespace ${target.ServiceNamespace}`, "Gantry scales ECS services only");
  }
  if (target.ScalableDimension !== ECS_DESIRED_COUNT) {
    return failed(`ScalableDimension ${target.ScalableDimension}`, `Gantry scales ${ECS_DESIRED_COUNT} only`);
  }
  if (!target.ResourceId) return failed("ResourceId", "missing");
  if (target.MinCapacity === undefined || target.MaxCapacity === undefined) {
    return failed("MinCapacity/MaxCapacity", "missing");
  }
  const suspended = target.SuspendedState ?? {};
  const suspendedState = {
    dynamicScalingInSuspended: suspended.DynamicScalingInSuspended === true,
    dynamicScalingOutSuspended: suspended.DynamicScalingOutSuspended === true,
    scheduledScalingSuspended: suspended.ScheduledScalingSuspended === true,
  };
  return mapped({
    id: target.ResourceId,
    minCapacity: target.MinCapacity,
    maxCapacity: target.MaxCapacity,
    // Written only when something is suspended: Gantry's default is nothing suspended, as in AWS.
    ...(Object.values(suspendedState).some(Boolean) && { suspendedState }),
  });
}

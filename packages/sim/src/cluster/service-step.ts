// One pass of a service scaler in a cluster run, and the view the capacity stage gets after the pass.
import type { ServiceDemand, TaskFootprint } from "@gantry/core";
import type { SimAccount } from "../account/sim-account.ts";
import type { SimService } from "../account/sim-service.ts";
import { createScalerView } from "../engine/scaler-view.ts";
import type { ScalingActionRecord } from "../engine/simulation-result.ts";
import type { Scaler, ScalerBounds } from "../scalers/scaler.ts";
import type { CapacityView } from "./capacity-scaler.ts";
import type { Ec2Cluster } from "./ec2-cluster.ts";
import type { InstanceShape } from "./sim-instance.ts";

export interface ServiceStep {
  readonly spec: { readonly scaler: Scaler; readonly bounds: ScalerBounds; readonly task: InstanceShape };
  readonly service: SimService;
  readonly actions: ScalingActionRecord[];
}

/** Asks the service's scaler and applies its answer within bounds; true when the desired count rose. */
export function stepService(step: ServiceStep, account: SimAccount): boolean {
  const { service, spec } = step;
  const now = account.now();
  const proposed = spec.scaler.step(createScalerView(service, now));
  if (proposed === undefined || !Number.isFinite(proposed)) return false;
  const to = Math.min(spec.bounds.maxCapacity, Math.max(spec.bounds.minCapacity, Math.round(proposed)));
  const from = service.ecs.desired;
  if (to === from) return false;
  account.setDesiredCount(service.id, to);
  step.actions.push({ at: now, from, to });
  return to > from;
}

export function capacityView(
  now: number,
  cluster: Ec2Cluster,
  steps: readonly ServiceStep[],
  scalingOut: ReadonlySet<string>,
): CapacityView {
  const services: ServiceDemand[] = steps.map(({ service, spec }) => ({
    serviceId: service.id,
    desiredCount: service.ecs.desired,
    runningCount: service.ecs.runningCount,
    pendingCount: service.ecs.pendingCount,
    deploymentInProgress: false,
    scalingOut: scalingOut.has(service.id),
    task: { cpu: spec.task.cpu, memory: spec.task.memory, hostPorts: [] },
  }));
  const provisioning: TaskFootprint[] = steps.flatMap(({ service, spec }) =>
    Array.from({ length: service.ecs.blockedCount }, () => ({
      serviceId: service.id,
      cpu: spec.task.cpu,
      memory: spec.task.memory,
      hostPorts: [],
    })),
  );
  return { now, cluster, services, provisioning };
}

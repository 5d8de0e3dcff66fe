import type { CapacityReason } from "./capacity-reason.ts";
import type { CapacityPlanInput } from "./cluster-model.ts";
import { count, listIds } from "./counting.ts";

/**
 * What stops scale-in this pass [DESIGN §3]: a service scaling out or deploying (its tasks are on the move), or
 * a recent scale-out (cluster-autoscaler's delay after add). Every guard that applies is reported.
 */
export function scaleInGuards(input: CapacityPlanInput): CapacityReason[] {
  const reasons: CapacityReason[] = [];
  const scalingOut = input.services.filter((s) => s.scalingOut).map((s) => s.serviceId);
  if (scalingOut.length > 0) {
    reasons.push({
      code: "ServiceScalingOut",
      message: `${count(scalingOut.length, "service")} scaling out (${listIds(scalingOut)}): no scale-in in the same pass`,
    });
  }
  const deploying = input.services.filter((s) => s.deploymentInProgress).map((s) => s.serviceId);
  if (deploying.length > 0) {
    reasons.push({
      code: "DeploymentInProgress",
      message: `deployment in progress on ${listIds(deploying)}: scale-in waits until it completes`,
    });
  }
  const last = input.state?.lastScaleOutAt;
  const delay = input.config.delayAfterScaleOutSeconds;
  if (last !== undefined && input.now - last < delay * 1000) {
    const ago = Math.floor((input.now - last) / 1000);
    reasons.push({
      code: "DelayAfterScaleOut",
      message: `last scale-out ${ago} s ago: scale-in waits ${delay} s after a scale-out`,
    });
  }
  return reasons;
}

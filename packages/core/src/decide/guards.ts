import type { Reason } from "../model/decision.ts";
import type { Combined } from "./combine-proposals.ts";
import type { DecisionContext } from "./context.ts";

/** Suspension and the deployment guard: they stop a direction, never the other one. */
export function applyGuards(combined: Combined, ctx: DecisionContext): Combined {
  const reason = blockingReason(combined, ctx);
  if (!reason) return combined;
  return {
    capacity: ctx.observation.desiredCount,
    direction: "hold",
    reasons: [...combined.reasons, reason],
    executed: [],
  };
}

function blockingReason(combined: Combined, ctx: DecisionContext): Reason | undefined {
  const suspended = ctx.target.suspendedState;
  if (combined.direction === "out" && suspended.dynamicScalingOutSuspended) {
    return {
      code: "DynamicScalingOutSuspended",
      message: `dynamic scale-out to ${combined.capacity} suspended`,
    };
  }
  if (combined.direction !== "in") return undefined;
  if (suspended.dynamicScalingInSuspended) {
    return {
      code: "DynamicScalingInSuspended",
      message: `dynamic scale-in to ${combined.capacity} suspended`,
    };
  }
  if (ctx.observation.deploymentInProgress) {
    return {
      code: "TargetServicePutResourceAsUnscalable",
      message: `ECS deployment in progress: scale-in to ${combined.capacity} waits until it completes`,
    };
  }
  return undefined;
}

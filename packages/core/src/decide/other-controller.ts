import type { Reason } from "../model/decision.ts";
import type { DecisionContext } from "./context.ts";

/**
 * A service Application Auto Scaling still has registered is left to it, unless the target says `takeOver`: two
 * controllers setting one desired count undo each other's changes. The decision still runs, so the reason says
 * what Gantry would have done once the service is handed over (`gantry import --deregister`).
 */
export function yieldToOtherController(
  capacity: number,
  ctx: DecisionContext,
): { value: number; reason?: Reason } {
  if (!ctx.observation.managedByApplicationAutoScaling || ctx.target.takeOver) return { value: capacity };
  const desired = ctx.observation.desiredCount;
  const would = capacity === desired ? `would keep ${desired}` : `would set ${desired} → ${capacity}`;
  return {
    value: desired,
    reason: {
      code: "ManagedByApplicationAutoScaling",
      message:
        `${ctx.target.id} is still registered with Application Auto Scaling: not scaled (${would}); ` +
        "deregister it (gantry import --deregister) or set takeOver: true",
    },
  };
}

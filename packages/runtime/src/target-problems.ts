import type { TargetProblem } from "@gantry/core";
import type { ReconcileLogger } from "./reconciler-types.ts";

/**
 * Each unreadable target item, once per pass at error level: it is left out of the pass (it cannot be decided
 * on) and its alarms are kept, so it must be seen. `gantry status` and GET /targets list them too.
 */
export function logProblems(log: ReconcileLogger, problems: readonly TargetProblem[]): void {
  for (const { targetId, message } of problems) {
    log.error("target item is corrupt: not reconciled, its alarms kept", {
      targetId,
      code: "CorruptItem",
      reason: message,
    });
  }
}

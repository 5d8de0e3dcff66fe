import { GantryError } from "@gantry/core";
import type { TargetOutcome } from "@gantry/runtime";

/** A target an alarm pass did not reconcile, and why (`code`: the outcome's error code, or DeadlineReached). */
export interface UnreconciledTarget {
  targetId: string;
  status: "Failed" | "Skipped";
  code: string;
}

/**
 * The alarm's target failed or was not reached before the deadline. Thrown so that the asynchronous invocation
 * fails: Lambda retries the event and then sends it to the AlarmFailures queue. A retry is harmless, as the
 * reconciler applies a step once per event id.
 */
export class AlarmFailureError extends GantryError {
  readonly eventId: string;
  readonly targets: readonly UnreconciledTarget[];

  constructor(eventId: string, targets: readonly UnreconciledTarget[]) {
    const named = targets.map((t) => `${t.targetId} ${t.status} (${t.code})`).join(", ");
    super("AlarmFailed", `alarm event ${eventId} not reconciled: ${named}`);
    this.eventId = eventId;
    this.targets = targets;
  }
}

/**
 * The outcomes that must fail the invocation. Skipped counts: the deadline came first, so a retry should act.
 * Conflict does not: another invocation acted on the target, which is what the alarm asked for.
 */
export function unreconciledTargets(outcomes: readonly TargetOutcome[]): UnreconciledTarget[] {
  return outcomes.flatMap(({ targetId, status, error }): UnreconciledTarget[] => {
    if (status === "Failed") return [{ targetId, status, code: error?.code ?? "UnknownError" }];
    if (status === "Skipped") return [{ targetId, status, code: "DeadlineReached" }];
    return [];
  });
}

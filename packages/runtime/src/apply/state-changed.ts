import { isDeepStrictEqual } from "node:util";
import type { DecisionRecord, ScalingState, TargetRecord } from "@gantry/core";

/** Reasons whose pass must be remembered even when nothing else changed (see needsStateWrite). */
const SCHEDULE_CODES: ReadonlySet<string> = new Set(["ScheduledActionApplied", "ScheduledScalingSuspended"]);

/**
 * Whether a pass that changes no capacity has anything to save. `evaluatedAt` and the decision's `at` move every
 * pass and are not worth a write on their own: a pass with nothing new writes nothing, so the table sees writes
 * only on change. A due scheduled action is the exception: the next pass looks for actions due since
 * `evaluatedAt`, so the pass that applied or skipped one must move it.
 */
export function needsStateWrite(
  record: TargetRecord,
  state: ScalingState,
  decision: DecisionRecord,
): boolean {
  if (record.state === undefined || record.lastDecision === undefined) return true;
  if (decision.reasons.some((r) => SCHEDULE_CODES.has(r.code))) return true;
  if (!isDeepStrictEqual(withoutClock(record.state), withoutClock(state))) return true;
  return !isDeepStrictEqual({ ...record.lastDecision, at: 0 }, { ...decision, at: 0 });
}

function withoutClock(state: ScalingState): Omit<ScalingState, "evaluatedAt" | "pending"> {
  const { evaluatedAt: _at, pending: _pending, ...rest } = state;
  return rest;
}

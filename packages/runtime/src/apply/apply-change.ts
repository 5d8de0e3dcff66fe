import type { Activity, ActivityStatus, ScalingState, TargetRecord } from "@gantry/core";
import { activityIdAt, causeOf } from "../activity-record.ts";
import { errorInfo } from "../error-info.ts";
import type { TargetObservation } from "../observe.ts";
import type { TargetOutcome, TargetStatus } from "../reconciler-types.ts";
import type { Attempt, TargetResult, TargetRun } from "../target-run.ts";
import { PENDING_GRACE_MS, pendingFor, withPending } from "./pending-change.ts";
import { storeActivity } from "./target-activity.ts";
import { certainlyNotApplied } from "./write-outcome.ts";

type ErrorInfo = { code: string; message: string };

/** Decided, and nothing to save or apply: no activity, no write (lastDecision keeps the last change). */
export function recordUnchanged(attempt: Attempt, settled: Activity[]): TargetResult {
  return { outcome: outcomeOf(attempt, "Unchanged"), activities: settled };
}

/**
 * Applies a claimed change and records it. UpdateService that certainly failed puts the state read back so the
 * next pass retries; one whose outcome is unknown keeps the claim (never a second step) and leaves the pending
 * marker for the next pass to settle from the real desired count.
 */
export async function applyAndRecord(
  attempt: Attempt,
  stateVersion: number,
  run: TargetRun,
  startTime: number,
): Promise<TargetResult> {
  const { decision, observation, record } = attempt;
  const target = record.config.target;
  if (decision.action === "None") return { outcome: outcomeOf(attempt, "Unchanged"), activities: [] };
  if (target.dryRun) {
    return recordActivity(attempt, run, startTime, "Successful", "dry run: not applied", "DryRun");
  }
  try {
    await run.ports.ecs.setDesiredCount(target.id, decision.desiredCapacity);
  } catch (error) {
    if (certainlyNotApplied(error)) return recordNotApplied(attempt, stateVersion, run, startTime, error);
    return recordUnknown(attempt, stateVersion, run, startTime, error);
  }
  const done = `desiredCount ${observation.desiredCount} → ${decision.desiredCapacity}`;
  const result = await recordActivity(attempt, run, startTime, "Successful", done, "Successful");
  // Recorded: the marker has done its job. If clearing it fails, the next pass settles it the same way.
  if (result.outcome.error === undefined) await rewriteState(attempt, stateVersion, run, undefined);
  return result;
}

async function recordNotApplied(
  attempt: Attempt,
  stateVersion: number,
  run: TargetRun,
  startTime: number,
  error: unknown,
): Promise<TargetResult> {
  const { code, message } = errorInfo(error);
  const restored = await restoreState(attempt, stateVersion, run);
  const failure = `UpdateService failed: ${code}: ${message}; ${restored}`;
  return recordActivity(attempt, run, startTime, "Failed", failure, "Failed", { code, message });
}

/** The change may have happened: say so, and let the next pass settle it now rather than after the grace. */
async function recordUnknown(
  attempt: Attempt,
  stateVersion: number,
  run: TargetRun,
  startTime: number,
  error: unknown,
): Promise<TargetResult> {
  const { code, message } = errorInfo(error);
  const now = run.clock.now();
  const pending = { ...pendingFor(attempt, causeOf(run.trigger)), settleAfter: now };
  const kept = await rewriteState(attempt, stateVersion, run, pending);
  const unknown =
    `UpdateService's outcome is unknown (${code}: ${message}); not retried, the next pass settles it from ` +
    `the service's desired count${kept ? "" : ` (after ${PENDING_GRACE_MS / 1000} s)`}`;
  return recordActivity(attempt, run, startTime, "InProgress", unknown, "Unknown", { code, message });
}

/** The claimed state again, with or without a pending marker; false when the write failed (logged). */
async function rewriteState(
  attempt: Attempt,
  stateVersion: number,
  run: TargetRun,
  pending: ReturnType<typeof pendingFor> | undefined,
): Promise<boolean> {
  const { record, decision } = attempt;
  const expected = { version: record.version, stateVersion };
  try {
    // No lastDecision: the claim already wrote this decision's.
    await run.store.putState(record.config.target.id, withPending(decision.state, pending), expected);
    return true;
  } catch (error) {
    run.log.warn("rewriting the claimed state failed", {
      targetId: record.config.target.id,
      ...errorInfo(error),
    });
    return false;
  }
}

/**
 * The claimed state assumes the change was made (a step marked applied, a cooldown opened). When UpdateService
 * certainly failed, put the state read back, so the next pass decides the same change again.
 */
async function restoreState(attempt: Attempt, stateVersion: number, run: TargetRun): Promise<string> {
  const { record } = attempt;
  const expected = { version: record.version, stateVersion };
  const previous = record.state ?? withoutEffects(attempt.decision.state);
  try {
    const state = withPending(previous, undefined);
    await run.store.putState(record.config.target.id, state, expected, record.lastDecision);
    return "state restored, so the next pass retries";
  } catch (error) {
    const { code, message } = errorInfo(error);
    return `state not restored (${code}: ${message})`;
  }
}

/**
 * A target's first state, without what assumed the change was made (the step marked applied, the alarm event
 * seen, the cooldown opened, the rate-limit event), so the next pass or a redelivered alarm decides it again.
 */
function withoutEffects(state: ScalingState): ScalingState {
  const { scaleOut: _window, lastScaleInAt: _scaleIn, pending: _pending, ...rest } = state;
  return { ...rest, stepApplied: {}, eventIds: [], scaleEvents: [] };
}

/**
 * Lost twice: another invocation's decision stands. Overridden is Application Auto Scaling's status for an
 * activity superseded by another: nothing failed and nothing was applied, so it is neither Failed nor Unfulfilled.
 * A lost no-op is only logged, like every no-op.
 */
export async function recordConflict(
  lost: Attempt,
  message: string,
  run: TargetRun,
  startTime: number,
): Promise<TargetResult> {
  const error = { code: "Conflict", message };
  if (lost.decision.action === "None") {
    return { outcome: { ...outcomeOf(lost, "Conflict"), error }, activities: [] };
  }
  return recordActivity(lost, run, startTime, "Overridden", `not applied: ${message}`, "Conflict", error);
}

/** Another invocation is applying a change to this target right now: leave it alone this pass. */
export function recordBusy(record: TargetRecord, observed: TargetObservation, message: string): TargetResult {
  const capacity = capacityOf(record, observed);
  const outcome: TargetOutcome = {
    targetId: record.config.target.id,
    status: "Conflict",
    action: "None",
    fromCapacity: capacity,
    toCapacity: capacity,
    error: { code: "Conflict", message },
  };
  return { outcome, activities: [] };
}

/** The settled activity of a pending change could not be written: fail the target and keep the marker. */
export function recordUnsettled(record: TargetRecord, error: ErrorInfo): TargetResult {
  const pending = record.state?.pending;
  const capacity = pending?.fromCapacity ?? record.lastDecision?.observed.desiredCount ?? 0;
  const message = `settling activity ${pending?.activityId ?? "?"} failed, kept for the next pass: ${error.message}`;
  const outcome: TargetOutcome = {
    targetId: record.config.target.id,
    status: "Failed",
    action: "None",
    fromCapacity: capacity,
    toCapacity: capacity,
    error: { code: error.code, message },
  };
  return { outcome, activities: [] };
}

async function recordActivity(
  attempt: Attempt,
  run: TargetRun,
  startTime: number,
  status: ActivityStatus,
  statusMessage: string,
  outcomeStatus: TargetStatus,
  error?: ErrorInfo,
): Promise<TargetResult> {
  const { decision, observation, record } = attempt;
  const input: Activity = {
    targetId: record.config.target.id,
    activityId: attempt.activityId,
    startTime,
    endTime: run.clock.now(),
    status,
    statusMessage,
    action: decision.action,
    fromCapacity: observation.desiredCount,
    toCapacity: decision.desiredCapacity,
    reasons: decision.reasons,
    dryRun: record.config.target.dryRun,
    cause: causeOf(run.trigger),
  };
  const stored = await storeActivity(input, run);
  const outcome: TargetOutcome = {
    ...outcomeOf(attempt, outcomeStatus),
    activityId: stored.activity.activityId,
  };
  const reported = error ?? stored.error;
  if (reported) outcome.error = reported;
  return { outcome, activities: stored.fresh ? [stored.activity] : [] };
}

/** Observing or deciding failed: a Failed activity, folded into the last one when it is the same failure. */
export async function recordFailure(
  record: TargetRecord,
  observed: TargetObservation,
  error: unknown,
  run: TargetRun,
  startTime: number,
): Promise<TargetResult> {
  const { code, message } = errorInfo(error);
  const target = record.config.target;
  const capacity = capacityOf(record, observed);
  const input: Activity = {
    targetId: target.id,
    activityId: activityIdAt(startTime, run.randomId()),
    startTime,
    endTime: run.clock.now(),
    status: "Failed",
    statusMessage: `${code}: ${message}`,
    action: "None",
    fromCapacity: capacity,
    toCapacity: capacity,
    reasons: [],
    dryRun: target.dryRun,
    cause: causeOf(run.trigger),
  };
  const stored = await storeActivity(input, run);
  const outcome: TargetOutcome = {
    targetId: target.id,
    status: "Failed",
    action: "None",
    fromCapacity: capacity,
    toCapacity: capacity,
    activityId: stored.activity.activityId,
    error: { code, message },
  };
  return { outcome, activities: stored.fresh ? [stored.activity] : [] };
}

/** The target's desired count: as observed, else as its last decision saw it. */
export function capacityOf(record: TargetRecord, observed: TargetObservation | undefined): number {
  return observed?.ok ? observed.observation.desiredCount : (record.lastDecision?.observed.desiredCount ?? 0);
}

function outcomeOf(attempt: Attempt, status: TargetStatus): TargetOutcome {
  return {
    targetId: attempt.record.config.target.id,
    status,
    action: attempt.decision.action,
    fromCapacity: attempt.observation.desiredCount,
    toCapacity: attempt.decision.desiredCapacity,
  };
}

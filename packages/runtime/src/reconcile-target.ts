import {
  type Activity,
  type ActivityStatus,
  type Clock,
  ConflictError,
  type Decision,
  decide,
  NotFoundError,
  type Observation,
  type StateStore,
  type TargetRecord,
  type Trigger,
} from "@gantry/core";
import { causeOf, toActivity, toDecisionRecord } from "./activity-record.ts";
import { errorInfo } from "./error-info.ts";
import { planObservation } from "./observation-plan.ts";
import { type ObservePorts, observe, type TargetObservation } from "./observe.ts";
import type { ReconcileLogger, TargetOutcome, TargetStatus } from "./reconciler-types.ts";

/** What reconciling one target needs from the pass. */
export interface TargetRun {
  store: StateStore;
  ports: ObservePorts;
  clock: Clock;
  trigger: Trigger | undefined;
  /** No second decision (after a lost write) starts at or after this instant, epoch ms. */
  cutoff: number;
  queueConcurrency: number;
  randomId: () => string;
  log: ReconcileLogger;
}

export interface TargetResult {
  outcome: TargetOutcome;
  /** The activity recorded, to publish to EventBridge with the pass's others. */
  activity?: Activity;
}

/** One decision and everything it rests on. */
interface Attempt {
  record: TargetRecord;
  observation: Observation;
  decision: Decision;
  now: number;
}

type Claim = { won: Attempt; version: number } | { lost: Attempt; message: string };

/**
 * Decide → claim → apply → record, for one target. The claim (a write conditional on the version read) comes
 * before UpdateService, so of two concurrent invocations only one acts on what it read; the other decides again
 * from the winner's state. Never throws: every failure becomes a Failed outcome and activity.
 */
export async function reconcileTarget(
  record: TargetRecord,
  observed: TargetObservation,
  run: TargetRun,
): Promise<TargetResult> {
  const startTime = run.clock.now();
  try {
    const claim = await claimOrRedecide(decideFor(record, observed, run), run);
    if ("lost" in claim) return await recordConflict(claim.lost, claim.message, run, startTime);
    return await applyAndRecord(claim.won, claim.version, run, startTime);
  } catch (error) {
    return recordFailure(record, observed, error, run, startTime);
  }
}

function decideFor(record: TargetRecord, observed: TargetObservation, run: TargetRun): Attempt {
  if (!observed.ok) throw observed.error;
  const targetId = record.config.target.id;
  for (const warning of observed.warnings) run.log.warn("observation incomplete", { targetId, warning });
  const { config, state } = record;
  const now = run.clock.now();
  const decision = decide({
    now,
    target: config.target,
    policies: config.policies,
    scheduledActions: config.scheduledActions,
    behavior: config.behavior,
    observation: observed.observation,
    state,
    trigger: run.trigger,
  });
  return { record, observation: observed.observation, decision, now };
}

/** Saves the decision's state if nobody wrote since we read; the new version, or undefined on a lost race. */
async function claim(attempt: Attempt, run: TargetRun): Promise<number | undefined> {
  const { record, decision, observation, now } = attempt;
  const lastDecision = toDecisionRecord(decision, observation, now, record.config.target.dryRun);
  try {
    const expected = { version: record.version, stateVersion: record.stateVersion };
    return await run.store.putState(record.config.target.id, decision.state, expected, lastDecision);
  } catch (error) {
    if (error instanceof ConflictError) return undefined;
    throw error;
  }
}

/** A lost write means another invocation decided from the same state: re-read, re-observe and decide once more. */
async function claimOrRedecide(first: Attempt, run: TargetRun): Promise<Claim> {
  const version = await claim(first, run);
  if (version !== undefined) return { won: first, version };
  if (run.clock.now() >= run.cutoff) {
    return { lost: first, message: "another invocation acted first, and no time was left to decide again" };
  }
  const second = await redecide(first.record.config.target.id, run);
  const again = await claim(second, run);
  if (again !== undefined) return { won: second, version: again };
  return { lost: second, message: "another invocation acted first, twice; giving way to it" };
}

async function redecide(targetId: string, run: TargetRun): Promise<Attempt> {
  run.log.info("lost the state write; deciding again", { targetId });
  const fresh = await run.store.getTarget(targetId);
  if (!fresh) throw new NotFoundError(`target ${targetId} was deleted while being reconciled`, "targetId");
  const plan = planObservation([fresh.config], run.clock.now());
  const observed = await observe(plan, run.ports, { queueConcurrency: run.queueConcurrency });
  return decideFor(fresh, observed.get(targetId) as TargetObservation, run);
}

async function applyAndRecord(
  attempt: Attempt,
  version: number,
  run: TargetRun,
  startTime: number,
): Promise<TargetResult> {
  const { decision, observation } = attempt;
  const target = attempt.record.config.target;
  // No activity for "no change": at four passes a minute they would swamp the table; lastDecision shows it.
  if (decision.action === "None") return { outcome: outcomeOf(attempt, "Unchanged") };
  if (target.dryRun) {
    return recordActivity(attempt, run, startTime, "Successful", "dry run: not applied", "DryRun");
  }
  try {
    await run.ports.ecs.setDesiredCount(target.id, decision.desiredCapacity);
  } catch (error) {
    const { code, message } = errorInfo(error);
    const restored = await restoreState(attempt, version, run);
    const failure = `UpdateService failed: ${code}: ${message}; ${restored}`;
    return recordActivity(attempt, run, startTime, "Failed", failure, "Failed", { code, message });
  }
  const done = `desiredCount ${observation.desiredCount} → ${decision.desiredCapacity}`;
  return recordActivity(attempt, run, startTime, "Successful", done, "Successful");
}

/**
 * The claimed state assumes the change was made (a step marked applied, a cooldown opened). When UpdateService
 * fails, put the state read back, so the next pass decides the same change again instead of waiting it out.
 */
async function restoreState(attempt: Attempt, version: number, run: TargetRun): Promise<string> {
  const { record } = attempt;
  if (record.state === undefined) return "the target's first state was kept";
  try {
    const expected = { version: record.version, stateVersion: version };
    await run.store.putState(record.config.target.id, record.state, expected, record.lastDecision);
    return "state restored, so the next pass retries";
  } catch (error) {
    const { code, message } = errorInfo(error);
    return `state not restored (${code}: ${message})`;
  }
}

/**
 * Lost twice: another invocation's decision stands. Overridden is Application Auto Scaling's status for an
 * activity superseded by another: nothing failed and nothing was applied, so it is neither Failed nor Unfulfilled.
 * A lost no-op is only logged, like every no-op.
 */
async function recordConflict(
  lost: Attempt,
  message: string,
  run: TargetRun,
  startTime: number,
): Promise<TargetResult> {
  const error = { code: "Conflict", message };
  if (lost.decision.action === "None") return { outcome: { ...outcomeOf(lost, "Conflict"), error } };
  return recordActivity(lost, run, startTime, "Overridden", `not applied: ${message}`, "Conflict", error);
}

async function recordActivity(
  attempt: Attempt,
  run: TargetRun,
  startTime: number,
  status: ActivityStatus,
  statusMessage: string,
  outcomeStatus: TargetStatus,
  error?: { code: string; message: string },
): Promise<TargetResult> {
  const { decision, observation, record } = attempt;
  const input = {
    targetId: record.config.target.id,
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
  const activity = toActivity(input, run.randomId());
  const outcome: TargetOutcome = { ...outcomeOf(attempt, outcomeStatus), activityId: activity.activityId };
  const stored = await storeActivity(activity, run);
  const reported = error ?? stored;
  if (reported) outcome.error = reported;
  return { outcome, activity };
}

/** A failed write of the history must not turn a scale that happened into a failure; it is reported instead. */
async function storeActivity(activity: Activity, run: TargetRun): Promise<TargetOutcome["error"]> {
  try {
    await run.store.putActivity(activity);
    return undefined;
  } catch (error) {
    const { code, message } = errorInfo(error);
    run.log.error("recording the activity failed", { targetId: activity.targetId, code, message });
    return { code, message: `recording activity ${activity.activityId} failed: ${message}` };
  }
}

async function recordFailure(
  record: TargetRecord,
  observed: TargetObservation,
  error: unknown,
  run: TargetRun,
  startTime: number,
): Promise<TargetResult> {
  const { code, message } = errorInfo(error);
  const target = record.config.target;
  const capacity = observed.ok
    ? observed.observation.desiredCount
    : (record.lastDecision?.observed.desiredCount ?? 0);
  const input = {
    targetId: target.id,
    startTime,
    endTime: run.clock.now(),
    status: "Failed" as const,
    statusMessage: `${code}: ${message}`,
    action: "None" as const,
    fromCapacity: capacity,
    toCapacity: capacity,
    reasons: [],
    dryRun: target.dryRun,
    cause: causeOf(run.trigger),
  };
  const activity = toActivity(input, run.randomId());
  await storeActivity(activity, run);
  const outcome: TargetOutcome = {
    targetId: target.id,
    status: "Failed",
    action: "None",
    fromCapacity: capacity,
    toCapacity: capacity,
    activityId: activity.activityId,
    error: { code, message },
  };
  return { outcome, activity };
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

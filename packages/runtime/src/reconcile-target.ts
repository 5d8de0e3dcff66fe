import { ConflictError, decide, NotFoundError, type TargetRecord } from "@gantry/core";
import { activityIdAt, causeOf, toDecisionRecord } from "./activity-record.ts";
import {
  applyAndRecord,
  recordBusy,
  recordConflict,
  recordFailure,
  recordUnchanged,
  recordUnsettled,
} from "./apply/apply-change.ts";
import { pendingFor, type Settlement, settlePending, withPending } from "./apply/pending-change.ts";
import { needsStateWrite } from "./apply/state-changed.ts";
import { planObservation } from "./observation-plan.ts";
import { observe, type TargetObservation } from "./observe.ts";
import type { Attempt, TargetResult, TargetRun } from "./target-run.ts";

export type { TargetResult, TargetRun } from "./target-run.ts";

type Claim = { won: Attempt; stateVersion: number } | { lost: Attempt; message: string };

/**
 * Settle → decide → claim → apply → record, for one target. The claim (a write conditional on the versions read)
 * comes before UpdateService, so of two concurrent invocations only one acts on what it read; the other decides
 * again from the winner's state. A pass that changes nothing writes nothing. Never throws: every failure becomes
 * a Failed outcome and activity.
 */
export async function reconcileTarget(
  record: TargetRecord,
  observed: TargetObservation,
  run: TargetRun,
): Promise<TargetResult> {
  const startTime = run.clock.now();
  try {
    const settlement = await settlePending(record, observed.ok ? observed.observation : undefined, run);
    if (settlement.kind === "busy") return recordBusy(record, observed, busy(settlement));
    // The marker stays until its activity is written: no state write this pass, the next one settles again.
    if (settlement.kind === "settled" && settlement.error) return recordUnsettled(record, settlement.error);
    const settled = settlement.kind === "settled" ? [settlement.activity] : [];
    const first = decideFor(record, observed, run);
    if (settlement.kind !== "settled" && !acts(first) && !changed(first)) {
      return {
        ...recordUnchanged(first, settled),
        atRest: { attempt: first, stateVersion: record.stateVersion },
      };
    }
    const claim = await claimOrRedecide(first, run);
    if ("lost" in claim)
      return withSettled(await recordConflict(claim.lost, claim.message, run, startTime), settled);
    const applied = await applyAndRecord(claim.won, claim.stateVersion, run, startTime);
    const atRest = acts(claim.won) ? undefined : { attempt: claim.won, stateVersion: claim.stateVersion };
    return withSettled({ ...applied, ...(atRest && { atRest }) }, settled);
  } catch (error) {
    return recordFailure(record, observed, error, run, startTime);
  }
}

function withSettled(result: TargetResult, settled: TargetResult["activities"]): TargetResult {
  return { ...result, activities: [...settled, ...result.activities] };
}

function busy(settlement: Extract<Settlement, { kind: "busy" }>): string {
  const { pending } = settlement;
  return `another invocation is applying desiredCount ${pending.fromCapacity} → ${pending.toCapacity} (activity ${pending.activityId})`;
}

function acts(attempt: Attempt): boolean {
  return attempt.decision.action !== "None";
}

function changed(attempt: Attempt): boolean {
  const { record, decision, observation, now } = attempt;
  const lastDecision = toDecisionRecord(decision, observation, now, record.config.target.dryRun);
  return needsStateWrite(record, decision.state, lastDecision);
}

function decideFor(record: TargetRecord, observed: TargetObservation, run: TargetRun): Attempt {
  if (!observed.ok) throw observed.error;
  const targetId = record.config.target.id;
  for (const warning of observed.warnings) run.log.warn("observation incomplete", { targetId, warning });
  const { config } = record;
  const state = run.memory ? run.memory.stateOf(record) : record.state;
  const now = run.clock.now();
  const observation = run.managedElsewhere.has(targetId)
    ? { ...observed.observation, managedByApplicationAutoScaling: true }
    : observed.observation;
  const history = run.histories?.get(targetId);
  const decision = decide({
    now,
    target: config.target,
    policies: config.policies,
    scheduledActions: config.scheduledActions,
    behavior: config.behavior,
    observation,
    state,
    trigger: run.trigger,
    ...(history && { history }),
  });
  const activityId = activityIdAt(now, run.randomId());
  return { record, observation, decision, now, activityId };
}

/**
 * Saves the decision's state if nobody wrote since we read; the new state version, or undefined on a lost race.
 * A change to apply is claimed with its pending marker, so a pass cut after this point is settled, not repeated.
 */
async function claim(attempt: Attempt, run: TargetRun): Promise<number | undefined> {
  const { record, decision, observation, now } = attempt;
  const lastDecision = toDecisionRecord(decision, observation, now, record.config.target.dryRun);
  const applying = acts(attempt) && !record.config.target.dryRun;
  const pending = applying ? pendingFor(attempt, causeOf(run.trigger)) : undefined;
  const expected = { version: record.version, stateVersion: record.stateVersion };
  try {
    const state = withPending(decision.state, pending);
    return await run.store.putState(record.config.target.id, state, expected, lastDecision);
  } catch (error) {
    if (error instanceof ConflictError) return undefined;
    throw error;
  }
}

/** A lost write means another invocation decided from the same state: re-read, re-observe and decide once more. */
async function claimOrRedecide(first: Attempt, run: TargetRun): Promise<Claim> {
  const stateVersion = await claim(first, run);
  if (stateVersion !== undefined) return { won: first, stateVersion };
  if (run.clock.now() >= run.cutoff) {
    return { lost: first, message: "another invocation acted first, and no time was left to decide again" };
  }
  const second = await redecide(first.record.config.target.id, run);
  if (second.record.state?.pending !== undefined) {
    return { lost: second, message: "another invocation acted first and its change is not settled yet" };
  }
  const again = await claim(second, run);
  if (again !== undefined) return { won: second, stateVersion: again };
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

// Recording a group's change: its activity under the claim's id, and the pending change cleared once recorded,
// kept (InProgress) when the apply's outcome is unknown, or dropped when the apply certainly failed.
import type { Activity } from "@gantry/core";
import { causeOf } from "../activity-record.ts";
import { errorInfo } from "../error-info.ts";
import type { Applied } from "./apply-capacity-plan.ts";
import { type CapacityOutcome, capacityActivity } from "./capacity-activity.ts";
import type { CapacityStageDeps, Claimed } from "./capacity-stage-deps.ts";
import {
  capacityErrorInfo,
  outcomeUnknown,
  type PendingCapacity,
  unknownPending,
} from "./pending-capacity.ts";

/**
 * A failed apply: when it may have taken effect (a timeout, a 5xx, an SDK-retried call), the claim's pending
 * change stays, InProgress, for the next pass to settle from the group; when it certainly did not, Failed.
 */
export async function recordError(
  base: CapacityOutcome,
  error: unknown,
  applied: Applied | undefined,
  claimed: Claimed | undefined,
  startTime: number,
  deps: CapacityStageDeps,
): Promise<{ outcome: CapacityOutcome; activity: Activity }> {
  const info = capacityErrorInfo(error);
  deps.log.error("capacity stage failed", { capacity: base.name, ...info });
  const pending = claimed?.record.pending;
  if (claimed && pending && outcomeUnknown(error)) return recordUnknown(base, error, claimed, pending, deps);
  if (claimed) await clearPending(base.name, claimed, deps);
  const id = pending?.activity.activityId;
  return (await record({ ...base, status: "Failed", error: info }, applied, startTime, deps, id)).result;
}

/** Recorded under the claim's activity id; only then is the pending marker cleared (else a later pass settles). */
export async function recordApplied(
  outcome: CapacityOutcome,
  applied: Applied,
  claimed: Claimed,
  startTime: number,
  deps: CapacityStageDeps,
): Promise<{ outcome: CapacityOutcome; activity: Activity }> {
  const id = claimed.record.pending?.activity.activityId;
  const { result, written } = await record(outcome, applied, startTime, deps, id);
  if (written) await clearPending(outcome.name, claimed, deps);
  return result;
}

/** The claim's record without its pending change; a failure is logged, and a later pass settles the change. */
export async function clearPending(name: string, claimed: Claimed, deps: CapacityStageDeps): Promise<void> {
  const { pending, ...record } = claimed.record;
  if (!pending) return;
  try {
    await deps.store.put(name, record, claimed.version);
  } catch (error) {
    deps.log.warn("clearing the capacity pending change failed", { capacity: name, ...errorInfo(error) });
  }
}

/**
 * The apply may have happened: an InProgress activity, kept with the claimed record as pending, so the next pass
 * settles it from the group's real desired capacity. The plan is absolute, so nothing is re-stepped.
 */
async function recordUnknown(
  base: CapacityOutcome,
  error: unknown,
  claimed: Claimed,
  claimedPending: PendingCapacity,
  deps: CapacityStageDeps,
): Promise<{ outcome: CapacityOutcome; activity: Activity }> {
  const outcome: CapacityOutcome = { ...base, status: "Unknown", error: capacityErrorInfo(error) };
  const pending = unknownPending(claimedPending, error, deps.clock.now());
  const activity = { ...pending.activity, endTime: deps.clock.now() };
  try {
    await deps.activities.putActivity(activity);
    await deps.store.put(base.name, { ...claimed.record, pending }, claimed.version);
  } catch (failure) {
    deps.log.error("recording the unknown capacity change failed", {
      capacity: base.name,
      ...errorInfo(failure),
    });
  }
  return { outcome: { ...outcome, activityId: activity.activityId }, activity };
}

async function record(
  outcome: CapacityOutcome,
  applied: Applied | undefined,
  startTime: number,
  deps: CapacityStageDeps,
  activityId?: string,
): Promise<{ result: { outcome: CapacityOutcome; activity: Activity }; written: boolean }> {
  const times = { startTime, endTime: deps.clock.now(), cause: causeOf(deps.trigger) };
  const built = capacityActivity(outcome, applied, times, deps.randomId());
  const activity = activityId === undefined ? built : { ...built, activityId };
  const result = { outcome: { ...outcome, activityId: activity.activityId }, activity };
  try {
    await deps.activities.putActivity(activity);
    return { result, written: true };
  } catch (error) {
    deps.log.error("recording the capacity activity failed", { capacity: outcome.name, ...errorInfo(error) });
    return { result, written: false };
  }
}

import type {
  Activity,
  CapacityRecord,
  Clock,
  ClusterSnapshot,
  StateStore,
  StoredCapacityRecord,
} from "@gantry/core";
import { causeOf } from "../activity-record.ts";
import { PENDING_GRACE_MS } from "../apply/pending-change.ts";
import { certainlyNotApplied } from "../apply/write-outcome.ts";
import { errorInfo } from "../error-info.ts";
import type { ReconcileLogger } from "../reconciler-types.ts";
import { type ApplyInput, GroupDesiredWriteError, intendedChange } from "./apply-capacity-plan.ts";
import { type CapacityOutcome, capacityActivity } from "./capacity-activity.ts";
import type { CapacityStageDeps } from "./capacity-stage-deps.ts";

export type PendingCapacity = NonNullable<CapacityRecord["pending"]>;

/** A write during the apply that failed in a way that may still have taken effect (never a 4xx on first try). */
export function outcomeUnknown(error: unknown): boolean {
  return !certainlyNotApplied(error instanceof GroupDesiredWriteError ? error.cause : error);
}

/** The error as the activity and logs name it: the AWS call's own, not the wrapper's. */
export function capacityErrorInfo(error: unknown): { code: string; message: string } {
  return errorInfo(error instanceof GroupDesiredWriteError ? error.cause : error);
}

/** The marker a claim carries for a change it is about to apply; its activity is InProgress until recorded. */
export function pendingFor(activity: Activity, groupDesired: number, now: number): PendingCapacity {
  const statusMessage = `applying: group desired ${groupDesired} | ${activity.statusMessage}`;
  return {
    activity: { ...activity, status: "InProgress", statusMessage },
    groupDesired,
    settleAfter: now + PENDING_GRACE_MS,
  };
}

/** The InProgress activity of an unknown outcome, settled by the next pass rather than after the grace. */
export function unknownPending(pending: PendingCapacity, error: unknown, now: number): PendingCapacity {
  const { code, message } = capacityErrorInfo(error);
  const statusMessage =
    `group desired ${pending.groupDesired}: outcome unknown (${code}: ${message}); not retried, the next ` +
    `pass settles it from the group's desired capacity`;
  return { ...pending, activity: { ...pending.activity, statusMessage }, settleAfter: now };
}

type SettleDeps = { activities: Pick<StateStore, "putActivity">; clock: Clock; log: ReconcileLogger };

/**
 * A change an earlier pass did not record, settled from the group's real desired capacity: Successful when it
 * shows the change, else Failed. `written` is false when the activity could not be stored: the caller then keeps
 * the marker for a later pass.
 */
export async function settleGroup(
  pending: PendingCapacity,
  snapshot: ClusterSnapshot,
  deps: SettleDeps,
): Promise<{ activity: Activity; written: boolean }> {
  const took = snapshot.groupDesired === pending.groupDesired;
  const verdict = took
    ? `confirmed: the group's desired capacity is ${pending.groupDesired}`
    : `did not take effect: the group's desired capacity is ${snapshot.groupDesired}, not ${pending.groupDesired}`;
  const activity: Activity = {
    ...pending.activity,
    status: took ? "Successful" : "Failed",
    statusMessage: `${verdict} | ${pending.activity.statusMessage}`,
    endTime: deps.clock.now(),
  };
  try {
    await deps.activities.putActivity(activity);
    return { activity, written: true };
  } catch (error) {
    deps.log.error("recording the settled capacity activity failed", errorInfo(error));
    return { activity, written: false };
  }
}

/** Settles what an earlier pass left pending; what to report instead of planning this pass, or undefined. */
export async function settleStored(
  stored: StoredCapacityRecord | undefined,
  snapshot: ClusterSnapshot,
  deps: CapacityStageDeps,
  settled: Activity[],
): Promise<Partial<CapacityOutcome> | undefined> {
  const pending = stored?.pending;
  if (!pending) return undefined;
  if (deps.clock.now() < (pending.settleAfter ?? 0)) {
    const message = `another invocation is applying a change (activity ${pending.activity.activityId})`;
    return { status: "Conflict", error: { code: "Conflict", message } };
  }
  const { activity, written } = await settleGroup(pending, snapshot, deps);
  if (written) {
    settled.push(activity);
    return undefined;
  }
  // The marker stays until its activity is written: no claim this pass, the next one settles again.
  const message = `settling activity ${pending.activity.activityId} failed, kept for the next pass`;
  return { status: "Failed", error: { code: "DynamoDbFailed", message } };
}

/** The pending marker for a plan that changes the group, carrying the activity id the change is recorded under. */
export function markerFor(
  base: CapacityOutcome,
  input: ApplyInput,
  startTime: number,
  deps: CapacityStageDeps,
): PendingCapacity | undefined {
  const intended = intendedChange(input);
  if (!intended.changes) return undefined;
  const times = { startTime, endTime: startTime, cause: causeOf(deps.trigger) };
  const activity = capacityActivity({ ...base, status: "Successful" }, undefined, times, deps.randomId());
  return pendingFor(activity, intended.groupDesired, deps.clock.now());
}

import type { Activity, CapacityRecord, Clock, ClusterSnapshot, StateStore } from "@gantry/core";
import { PENDING_GRACE_MS } from "../apply/pending-change.ts";
import { certainlyNotApplied } from "../apply/write-outcome.ts";
import { errorInfo } from "../error-info.ts";
import type { ReconcileLogger } from "../reconciler-types.ts";
import { GroupDesiredWriteError } from "./apply-capacity-plan.ts";

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

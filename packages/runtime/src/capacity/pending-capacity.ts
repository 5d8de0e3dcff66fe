import type { Activity, CapacityRecord, Clock, ClusterSnapshot, StateStore } from "@gantry/core";
import { certainlyNotApplied } from "../apply/write-outcome.ts";
import { errorInfo } from "../error-info.ts";
import type { ReconcileLogger } from "../reconciler-types.ts";
import { GroupDesiredWriteError } from "./apply-capacity-plan.ts";

/** A SetDesiredCapacity that failed in a way that may still have taken effect. */
export function unknownGroupWrite(error: unknown): GroupDesiredWriteError | undefined {
  return error instanceof GroupDesiredWriteError && !certainlyNotApplied(error.cause) ? error : undefined;
}

/** The error as the activity and logs name it: SetDesiredCapacity's own, not the wrapper's. */
export function capacityErrorInfo(error: unknown): { code: string; message: string } {
  return errorInfo(error instanceof GroupDesiredWriteError ? error.cause : error);
}

/** The InProgress activity of an unknown outcome, saying what the next pass will do. */
export function unknownActivity(activity: Activity, error: GroupDesiredWriteError): Activity {
  const { code, message } = capacityErrorInfo(error);
  const statusMessage =
    `SetDesiredCapacity ${error.groupDesired}: outcome unknown (${code}: ${message}); not retried, the next ` +
    `pass settles it from the group's desired capacity | ${activity.statusMessage}`;
  return { ...activity, status: "InProgress", statusMessage };
}

/**
 * A change an earlier pass could not confirm, settled from the group's real desired capacity: Successful when it
 * shows the change, else Failed. The pass's claim then stores the record without it.
 */
export async function settleGroup(
  pending: NonNullable<CapacityRecord["pending"]>,
  snapshot: ClusterSnapshot,
  deps: { activities: Pick<StateStore, "putActivity">; clock: Clock; log: ReconcileLogger },
): Promise<Activity> {
  const took = snapshot.groupDesired === pending.groupDesired;
  const verdict = took
    ? `confirmed: the group's desired capacity is ${pending.groupDesired}`
    : `did not take effect: the group's desired capacity is ${snapshot.groupDesired}, not ${pending.groupDesired}`;
  const activity: Activity = {
    ...pending.activity,
    status: took ? "Successful" : "Failed",
    statusMessage: `SetDesiredCapacity ${verdict} | ${pending.activity.statusMessage}`,
    endTime: deps.clock.now(),
  };
  try {
    await deps.activities.putActivity(activity);
  } catch (error) {
    deps.log.error("recording the settled capacity activity failed", errorInfo(error));
  }
  return activity;
}

import type { Activity } from "@gantry/core";
import { errorInfo } from "../error-info.ts";
import type { TargetOutcome } from "../reconciler-types.ts";
import type { TargetRun } from "../target-run.ts";

/** What makes two failures "the same": a target failing pass after pass for one reason writes one activity. */
function sameFailure(a: Activity, b: Activity): boolean {
  return (
    a.status === "Failed" &&
    b.status === "Failed" &&
    a.action === b.action &&
    a.fromCapacity === b.fromCapacity &&
    a.toCapacity === b.toCapacity &&
    a.statusMessage === b.statusMessage
  );
}

/**
 * A Failed activity identical to the target's newest one is folded into it: same id, first start time, this
 * end time, count + 1. `fresh` is false for a fold, so the pass does not publish every repeat.
 */
async function foldRepeat(
  activity: Activity,
  run: TargetRun,
): Promise<{ activity: Activity; fresh: boolean }> {
  if (activity.status !== "Failed") return { activity, fresh: true };
  const newest = (await run.store.listActivities(activity.targetId, { limit: 1 })).items[0];
  if (newest === undefined || !sameFailure(newest, activity)) return { activity, fresh: true };
  const folded: Activity = {
    ...activity,
    activityId: newest.activityId,
    startTime: newest.startTime,
    count: (newest.count ?? 1) + 1,
  };
  return { activity: folded, fresh: false };
}

/**
 * Writes an activity (folding a repeated failure). A failed write of the history must not turn a scale that
 * happened into a failure: it is logged and reported in the outcome instead.
 */
export async function storeActivity(
  input: Activity,
  run: TargetRun,
  { fold = true }: { fold?: boolean } = {},
): Promise<{ activity: Activity; fresh: boolean; error?: TargetOutcome["error"] }> {
  try {
    const { activity, fresh } = fold ? await foldRepeat(input, run) : { activity: input, fresh: true };
    await run.store.putActivity(activity);
    return { activity, fresh };
  } catch (error) {
    const { code, message } = errorInfo(error);
    run.log.error("recording the activity failed", { targetId: input.targetId, code, message });
    return {
      activity: input,
      fresh: true,
      error: { code, message: `recording activity ${input.activityId} failed: ${message}` },
    };
  }
}

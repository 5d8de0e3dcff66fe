import type { Reason } from "../model/decision.ts";
import { isLiveMetric, liveQueueUrl } from "../model/metric-spec.ts";
import type { Policy } from "../model/policy.ts";
import type { StartupAware } from "../model/startup-behavior.ts";
import type { DecisionContext } from "./context.ts";

/** The shortest wait assumed until the next evaluation: the tick's sub-tick. */
const MIN_INTERVAL_MS = 15_000;

export interface BatchFromZeroResult {
  value: number;
  reason?: Reason;
  /** The last evaluation that saw no message waiting, to keep. */
  emptyAt?: number;
}

/**
 * Batched launch from zero. A fleet at zero that launches at the first message pays a whole start for it, and on
 * a trickle does so every few minutes. Where the wait allowed (`maxWaitSeconds`) outlasts a start, the messages
 * gather first: a one-task launch waits while the last message of the batch would still start in time if the
 * launch came at the next evaluation (the oldest's wait so far + the interval to the next evaluation +
 * `startSeconds` + the batch's work ahead of it on the one task ≤ the wait allowed). The oldest message arrived
 * after the last evaluation that saw no message waiting, so its wait is at most the time since. The work counts
 * `sqsUtilization` queues' messages at their processing time (a plain `sqs` queue's count as none). A backlog
 * that asks for more than one task, an unobserved queue or a fleet not at zero launches at once.
 */
export function batchFromZero(
  value: number,
  policies: readonly Policy[],
  ctx: DecisionContext,
  maxWaitSeconds: number,
  startSeconds: number,
): BatchFromZeroResult {
  const { visible, workMs } = backlog(policies, ctx) ?? {};
  const emptyAt = visible === 0 ? ctx.now : ctx.previous?.emptyAt;
  const keep = emptyAt === undefined ? {} : { emptyAt };
  const { desiredCount, runningCount, pendingCount } = ctx.observation;
  const atZero = desiredCount === 0 && runningCount === 0 && pendingCount === 0;
  if (value !== 1 || !atZero || !visible || emptyAt === undefined || !ctx.previous) return { value, ...keep };
  const interval = Math.max(MIN_INTERVAL_MS, ctx.now - ctx.previous.evaluatedAt);
  const oldest = ctx.now - emptyAt;
  const latest = maxWaitSeconds * 1000 - startSeconds * 1000 - interval - (workMs ?? 0);
  if (oldest > latest) return { value, ...keep };
  return { value: 0, reason: deferred(visible, oldest, latest, maxWaitSeconds, startSeconds), ...keep };
}

/**
 * Whether a launch from zero can wait for a batch at all: the wait allowed outlasts a start and the interval to the
 * next evaluation. Then the last task goes as soon as it idles instead of being kept for its reuse: on a trickle
 * a task kept bills all of its time, one relaunched per batch bills a start per batch window and start.
 */
export function batchesLastTask(startup: Pick<StartupAware, "maxWaitSeconds" | "taskStartSeconds">): boolean {
  if (startup.maxWaitSeconds === undefined) return false;
  return startup.maxWaitSeconds * 1000 > startup.taskStartSeconds * 1000 + MIN_INTERVAL_MS;
}

/** Visible messages on the queues the policies read, and their work on one task; undefined if any is unobserved. */
function backlog(
  policies: readonly Policy[],
  ctx: DecisionContext,
): { visible: number; workMs: number } | undefined {
  let visible = 0;
  let workMs = 0;
  for (const { metric } of policies) {
    if (!isLiveMetric(metric)) continue;
    const depth = ctx.observation.queues[liveQueueUrl(metric)];
    if (!depth) return undefined;
    visible += depth.visible;
    if ("sqsUtilization" in metric) {
      const { processingSeconds, concurrency } = metric.sqsUtilization;
      workMs += (depth.visible * processingSeconds * 1000) / concurrency;
    }
  }
  return { visible, workMs };
}

function deferred(visible: number, oldest: number, latest: number, wait: number, start: number): Reason {
  return {
    code: "LaunchBatched",
    message: `${visible} ${visible === 1 ? "message" : "messages"} waiting at zero tasks, the oldest at most ${Math.round(oldest / 1000)} s: launching by ${Math.round(latest / 1000)} s so it starts within the ${wait} s allowed (${start} s start)`,
  };
}

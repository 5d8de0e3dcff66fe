import type { LiveRun } from "../model/state.ts";

/** Weight of the newest interval in the smoothed growth: about a minute of memory at 15-second sub-ticks. */
const SMOOTHING = 0.4;

/**
 * How fast the visible backlog grows, in messages per second, from two GetQueueAttributes reads, smoothed so
 * Poisson noise does not churn tasks. While it grows, arrivals outpace the workers by that much: the fleet needs
 * growth × processing time more tasks just to stop it, which the backlog term alone sees only after the queue
 * is long. Needs no processing-time estimate of finished work, so heavy-tailed jobs do not bias it.
 * Undefined without a recent read.
 */
export function estimateBacklogGrowth(
  previous: LiveRun | undefined,
  visible: number,
  now: number,
): number | undefined {
  if (!previous?.depth || now <= previous.lastAt) return previous?.rate;
  const growth = (visible - previous.depth[0]) / ((now - previous.lastAt) / 1000);
  return previous.rate === undefined ? growth : SMOOTHING * growth + (1 - SMOOTHING) * previous.rate;
}

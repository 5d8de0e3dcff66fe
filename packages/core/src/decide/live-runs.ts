import type { LiveRun } from "../model/state.ts";

/**
 * Live metrics (SQS read with GetQueueAttributes) come as one sample per decision, not as CloudWatch periods.
 * "N datapoints breaching" becomes "breaching continuously for N − 1 periods", tracked in O(1) state: since when
 * the value has been above (out) and below (in) its thresholds. A gap of two periods without a sample resets
 * both runs, so a run never spans time nobody looked at.
 */
export function advanceLiveRun(
  previous: LiveRun | undefined,
  sample: { now: number; periodMs: number; outBreach: boolean; inBreach: boolean; memory?: LiveMemory },
): LiveRun {
  const { now, periodMs, outBreach, inBreach } = sample;
  const continuous = isContinuous(previous, now, periodMs);
  const run: LiveRun = { lastAt: now, ...sample.memory };
  if (outBreach) run.outSince = continuous && previous.outSince !== undefined ? previous.outSince : now;
  if (inBreach) run.inSince = continuous && previous.inSince !== undefined ? previous.inSince : now;
  return run;
}

/** What a live metric keeps between samples besides the runs (sqsUtilization's queue and arrival rate). */
export type LiveMemory = Pick<LiveRun, "depth" | "rate">;

/** The previous sample is recent enough to extend runs and difference against. */
export function isContinuous(
  previous: LiveRun | undefined,
  now: number,
  periodMs: number,
): previous is LiveRun {
  return previous !== undefined && now - previous.lastAt <= 2 * periodMs && now >= previous.lastAt;
}

/** Whether a run that started at `since` spans `datapoints` periods (with a little slack for tick jitter). */
export function runSpans(
  since: number | undefined,
  now: number,
  periodMs: number,
  datapoints: number,
): boolean {
  if (since === undefined) return false;
  const slack = Math.min(periodMs / 4, 10_000);
  return now - since >= (datapoints - 1) * periodMs - slack;
}

/** How many whole periods a run has lasted, counting the current sample: for explanations. */
export function runDatapoints(since: number | undefined, now: number, periodMs: number): number {
  return since === undefined ? 0 : Math.floor((now - since + Math.min(periodMs / 4, 10_000)) / periodMs) + 1;
}

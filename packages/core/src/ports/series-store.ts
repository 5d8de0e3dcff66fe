/**
 * One pass's view of a target, as Gantry saw it: ECS's task counts, the first policy's metric and the queue's
 * visible messages (absent when the pass did not read them). What the charts draw instead of Container Insights.
 * For a capacity group the counts are instances: the group's desired, in service, pending, and the draining and
 * protected ones.
 */
export interface SeriesSample {
  at: number;
  desired: number;
  running: number;
  pending: number;
  metric?: number;
  backlog?: number;
  /** A capacity group's sample (`capacity/<name>`): its instances draining, and protected from scale-in. */
  draining?: number;
  protected?: number;
}

/**
 * The longest window a bucket of samples spans: a bucket's key is at most this long before its samples, so a
 * reader finds every sample at or after `t` in the buckets keyed from `t − SERIES_WINDOW_MS` on.
 */
export const SERIES_WINDOW_MS = 5 * 60_000;

/**
 * Gantry's own per-pass history of its targets, kept for a while (a TTL in AWS). Samples are written in
 * buckets of at most SERIES_WINDOW_MS, only for windows in which something moved: a steady target costs nothing.
 */
export interface SeriesStore {
  /**
   * Adds samples to one target's bucket keyed `window` (epoch ms, at most SERIES_WINDOW_MS before its samples).
   * Two writers of the same window (passes of two invocations) both keep theirs.
   */
  appendSamples(targetId: string, window: number, samples: readonly SeriesSample[]): Promise<void>;
  /**
   * The samples in [from, to], oldest first, preceded by the last one before `from` (what held at `from`), if
   * any is still kept.
   */
  readSamples(targetId: string, range: { from: number; to: number }): Promise<SeriesSample[]>;
}

/**
 * What readSamples answers from the samples a store found: oldest first, one per instant, those in [from, to]
 * after the last one before `from`. Every store applies this one rule.
 */
export function samplesInRange(samples: readonly SeriesSample[], from: number, to: number): SeriesSample[] {
  const unique = [...new Map(samples.map((s) => [s.at, s])).values()].sort((a, b) => a.at - b.at);
  const earlier = unique.filter((s) => s.at < from).at(-1);
  const within = unique.filter((s) => s.at >= from && s.at <= to);
  return earlier ? [earlier, ...within] : within;
}

/**
 * One pass's view of a target, as Gantry saw it: ECS's task counts, the first policy's metric and the queue's
 * visible messages (absent when the pass did not read them). What the charts draw instead of Container Insights.
 */
export interface SeriesSample {
  at: number;
  desired: number;
  running: number;
  pending: number;
  metric?: number;
  backlog?: number;
}

/**
 * Gantry's own per-pass history of its targets, kept for a while (a TTL in AWS). Samples are written in
 * per-minute buckets, only for minutes in which something moved: a steady target costs nothing.
 */
export interface SeriesStore {
  /**
   * Adds samples to one target's bucket of one minute (`minute`: epoch ms at the minute's start). Two writers of
   * the same minute (passes of two invocations) both keep theirs.
   */
  appendSamples(targetId: string, minute: number, samples: readonly SeriesSample[]): Promise<void>;
  /**
   * The samples in [from, to], oldest first, preceded by the last one before `from` (what held at `from`), if
   * any is still kept.
   */
  readSamples(targetId: string, range: { from: number; to: number }): Promise<SeriesSample[]>;
}

/** The window of a series request, epoch ms, and the spacing of its points. */
export interface SeriesRange {
  from: number;
  to: number;
  periodSeconds: number;
}

/**
 * One instant of a target's chart. Counts are tasks; `metric` is the first policy's metric in its own unit and
 * `target` the value that policy tracks (the alarm threshold for step scaling); `backlog` is the visible
 * messages of the target's queue. null where there is no data (or no such thing for this target).
 */
export interface SeriesPoint {
  at: number;
  desired: number | null;
  running: number | null;
  metric: number | null;
  target: number | null;
  backlog: number | null;
}

/**
 * Where the charts' history comes from. There is no metrics history store yet: in AWS it is CloudWatch
 * (cloudwatch-series-source.ts); tests and `gantry dev` pass their own. Points are oldest first.
 * Errors: NotFoundError for an unknown target, ThrottledError when the source throttles.
 */
export type SeriesSource = (targetId: string, range: SeriesRange) => Promise<SeriesPoint[]>;

// A target's chart over a window: desired, running and pending tasks, its first policy's metric against the value
// it tracks, and its queue's backlog. Gantry's own samples are the source (recorded-series.ts).
import { ValidationError } from "@gantry/core";

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
  /** Tasks ECS is starting, as the pass saw them (null before the first sample). */
  pending: number | null;
  metric: number | null;
  target: number | null;
  backlog: number | null;
}

/**
 * Where the charts' history comes from; points oldest first. Errors: NotFoundError for an unknown target,
 * ThrottledError when the source throttles.
 */
export type SeriesSource = (targetId: string, range: SeriesRange) => Promise<SeriesPoint[]>;

const HOUR_MS = 3_600_000;
export const DEFAULT_SERIES_MS = 3 * HOUR_MS;
/** Gantry keeps its samples 15 days (and CloudWatch its 1-minute data). */
export const MAX_SERIES_MS = 14 * 24 * HOUR_MS;
/** At most this many points per series, so a chart stays light whatever the window. */
export const MAX_SERIES_POINTS = 1_440;

/** The window asked for (default: the last 3 hours) and a period in whole minutes that fits the points. */
export function seriesRange(
  window: { from?: number | undefined; to?: number | undefined },
  now: number,
): SeriesRange {
  const to = window.to ?? (window.from === undefined ? now : window.from + DEFAULT_SERIES_MS);
  const from = window.from ?? to - DEFAULT_SERIES_MS;
  if (!(from < to)) throw new ValidationError("must be before to", "from");
  if (to - from > MAX_SERIES_MS) throw new ValidationError("must be at most 14 days before to", "from");
  const minutes = Math.max(1, Math.ceil((to - from) / 60_000 / MAX_SERIES_POINTS));
  return { from, to, periodSeconds: minutes * 60 };
}

/**
 * The instants a chart draws: the range's start and end and every time given within it, oldest first; past
 * MAX_SERIES_POINTS, one per period instead, at the period's end (the values holding then).
 */
export function chartInstants(range: SeriesRange, times: Iterable<number>): number[] {
  const instants = new Set<number>([range.from, range.to]);
  for (const at of times) if (at >= range.from && at <= range.to) instants.add(at);
  if (instants.size <= MAX_SERIES_POINTS) return [...instants].sort((a, b) => a - b);
  const step = range.periodSeconds * 1000;
  const ends: number[] = [];
  for (let at = range.from; at < range.to; at += step) ends.push(at);
  ends.push(range.to);
  return ends;
}

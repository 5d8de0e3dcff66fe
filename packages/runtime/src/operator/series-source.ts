// A target's chart over a window: desired and running tasks, its first policy's metric against the value it
// tracks, and its queue's backlog. There is no metrics history store: the series come from the MetricsPort
// (CloudWatch in AWS, the simulated account's under `gantry dev`), in one query per chart.
import {
  type Datapoint,
  type MetricsPort,
  NotFoundError,
  type Policy,
  type StateStore,
  ValidationError,
} from "@gantry/core";
import { SERIES_IDS, seriesQueries } from "./series-queries.ts";

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
 * Where the charts' history comes from; points oldest first. Errors: NotFoundError for an unknown target,
 * ThrottledError when the source throttles.
 */
export type SeriesSource = (targetId: string, range: SeriesRange) => Promise<SeriesPoint[]>;

const HOUR_MS = 3_600_000;
export const DEFAULT_SERIES_MS = 3 * HOUR_MS;
/** CloudWatch keeps 1-minute data for 15 days. */
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

/** The series source over CloudWatch metrics (the MetricsPort): one GetMetricData call per chart. */
export function createCloudWatchSeriesSource(deps: {
  store: StateStore;
  metrics: MetricsPort;
}): SeriesSource {
  return async (targetId, range) => {
    const record = await deps.store.getTarget(targetId);
    if (!record) throw new NotFoundError(`target ${targetId} does not exist`);
    const queries = seriesQueries(record.config, range.periodSeconds);
    const data = await deps.metrics.getMetricData(queries, { start: range.from, end: range.to });
    return mergeSeries(data, targetValueOf(record.config.policies[0]), range);
  };
}

/** What the first policy tracks: its target value, or the step policy's alarm threshold. */
function targetValueOf(policy: Policy | undefined): number | null {
  if (policy === undefined) return null;
  return policy.type === "TargetTracking" ? policy.targetValue : policy.alarm.threshold;
}

type Column = keyof typeof SERIES_IDS;

/** One point per timestamp any series has, oldest first; a series without a value there reads null. */
export function mergeSeries(
  data: Record<string, Datapoint[]>,
  target: number | null,
  range: SeriesRange,
): SeriesPoint[] {
  const points = new Map<number, SeriesPoint>();
  for (const column of Object.keys(SERIES_IDS) as Column[]) {
    for (const { timestamp, value } of data[SERIES_IDS[column]] ?? []) {
      if (timestamp < range.from || timestamp >= range.to || !Number.isFinite(value)) continue;
      const point = points.get(timestamp) ?? blankPoint(timestamp, target);
      point[column] = value;
      points.set(timestamp, point);
    }
  }
  return [...points.values()].sort((a, b) => a.at - b.at);
}

function blankPoint(at: number, target: number | null): SeriesPoint {
  return { at, desired: null, running: null, metric: null, target, backlog: null };
}

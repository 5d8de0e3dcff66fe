// A target's chart from Gantry's own samples (issue K): desired, running and pending tasks as each pass saw them,
// and for SQS-backed policies the metric and backlog too. Only a CloudWatch-backed policy's metric is read from
// CloudWatch (its source). Container Insights is not needed.
import {
  type Datapoint,
  isLiveMetric,
  type MetricsPort,
  NotFoundError,
  type Policy,
  type SeriesSample,
  type SeriesStore,
  type StateStore,
  type TargetConfig,
} from "@gantry/core";
import { METRIC_QUERY_ID, policyMetricQueries } from "./series-queries.ts";
import { chartInstants, type SeriesPoint, type SeriesRange, type SeriesSource } from "./series-source.ts";

export function createRecordedSeriesSource(deps: {
  store: StateStore;
  series: SeriesStore;
  metrics: MetricsPort;
}): SeriesSource {
  return async (targetId, range) => {
    const record = await deps.store.getTarget(targetId);
    if (!record) throw new NotFoundError(`target ${targetId} does not exist`);
    const [samples, cloudWatch] = await Promise.all([
      deps.series.readSamples(targetId, range),
      cloudWatchMetric(record.config, range, deps.metrics),
    ]);
    return recordedPoints(samples, cloudWatch, targetValueOf(record.config.policies[0]), range);
  };
}

/** The first policy's metric from CloudWatch when that is where it lives; none for SQS-backed policies. */
async function cloudWatchMetric(
  config: TargetConfig,
  range: SeriesRange,
  metrics: MetricsPort,
): Promise<Datapoint[] | undefined> {
  const policy = config.policies[0];
  if (policy === undefined || isLiveMetric(policy.metric)) return undefined;
  const queries = policyMetricQueries(config, policy, range.periodSeconds);
  if (queries.length === 0) return undefined;
  const data = await metrics.getMetricData(queries, { start: range.from, end: range.to });
  return data[METRIC_QUERY_ID] ?? [];
}

/**
 * One point per instant anything was recorded, each value the last one known then (a steady target has no
 * samples in the window: its last one before it holds), from the window's start to its end. Over
 * MAX_SERIES_POINTS instants, one point per period, at the period's end, with the values holding then.
 */
export function recordedPoints(
  samples: readonly SeriesSample[],
  cloudWatch: readonly Datapoint[] | undefined,
  target: number | null,
  range: SeriesRange,
): SeriesPoint[] {
  const times = chartInstants(range, [
    ...samples.map((s) => s.at),
    ...(cloudWatch ?? []).map((d) => d.timestamp),
  ]);
  const sorted = [...(cloudWatch ?? [])].filter((d) => Number.isFinite(d.value));
  sorted.sort((a, b) => a.timestamp - b.timestamp);
  // One walk: the samples and datapoints are oldest first, and so are the instants.
  let i = 0;
  let j = 0;
  let held: { sample?: SeriesSample; metric?: number; backlog?: number; cloudWatch?: number } = {};
  return times.map((at) => {
    for (; i < samples.length && (samples[i] as SeriesSample).at <= at; i++)
      held = hold(held, samples[i] as SeriesSample);
    for (; j < sorted.length && (sorted[j] as Datapoint).timestamp <= at; j++)
      held = { ...held, cloudWatch: (sorted[j] as Datapoint).value };
    const metric = cloudWatch ? held.cloudWatch : held.metric;
    return {
      at,
      desired: held.sample?.desired ?? null,
      running: held.sample?.running ?? null,
      pending: held.sample?.pending ?? null,
      metric: metric ?? null,
      target,
      backlog: held.backlog ?? null,
    };
  });
}

/** A sample's counts replace the held ones; its metric and backlog only when it has them. */
function hold<T extends { sample?: SeriesSample; metric?: number; backlog?: number }>(
  held: T,
  s: SeriesSample,
): T {
  const next = { ...held, sample: s };
  if (s.metric !== undefined) next.metric = s.metric;
  if (s.backlog !== undefined) next.backlog = s.backlog;
  return next;
}

/** What the first policy tracks: its target value, or the step policy's alarm threshold. */
function targetValueOf(policy: Policy | undefined): number | null {
  if (policy === undefined) return null;
  return policy.type === "TargetTracking" ? policy.targetValue : policy.alarm.threshold;
}

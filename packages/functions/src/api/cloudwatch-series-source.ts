// The series source over CloudWatch: task counts from Container Insights, the first policy's metric (as the
// reconciler queries it, or rebuilt from SQS metrics for live policies) and the queue's visible messages.
import {
  type Datapoint,
  firstLiveQueueOf,
  liveQueueOf,
  type MetricQuery,
  type MetricStat,
  type MetricsPort,
  NotFoundError,
  type Policy,
  parseServiceId,
  queueNameOf,
  type StateStore,
  type TargetConfig,
} from "@gantry/core";
import { planObservation } from "@gantry/runtime";
import type { SeriesPoint, SeriesRange, SeriesSource } from "./series-source.ts";

type Column = Exclude<keyof SeriesPoint, "at" | "target">;
/** Our query ids; the reconciler's plan names policy queries t0_p0, t0_p0_0…, so they cannot clash. */
const IDS: Readonly<Record<Column, string>> = {
  desired: "desired",
  running: "running",
  metric: "metric",
  backlog: "backlog",
};

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

/** Every query of one target's chart, for one GetMetricData call. */
export function seriesQueries(config: TargetConfig, periodSeconds: number): MetricQuery[] {
  const targetId = config.target.id;
  const insights = (metricName: string): MetricStat => ({
    namespace: "ECS/ContainerInsights",
    metricName,
    dimensions: serviceDimensions(targetId),
    statistic: "Average",
  });
  const queries: MetricQuery[] = [
    { id: IDS.desired, stat: insights("DesiredTaskCount"), periodSeconds, returnData: true },
    { id: IDS.running, stat: insights("RunningTaskCount"), periodSeconds, returnData: true },
  ];
  const queue = firstLiveQueueOf(config.policies);
  if (queue !== undefined)
    queries.push(sqsQuery(IDS.backlog, queue, "ApproximateNumberOfMessagesVisible", periodSeconds, true));
  const policy = config.policies[0];
  if (policy !== undefined) queries.push(...policyMetricQueries(config, policy, periodSeconds));
  return queries;
}

function serviceDimensions(targetId: string): MetricStat["dimensions"] {
  const { cluster, service } = parseServiceId(targetId, "targetId");
  return [
    { name: "ClusterName", value: cluster },
    { name: "ServiceName", value: service },
  ];
}

/** One AWS/SQS metric of a queue (Maximum unless said otherwise: the queue depths' statistic). */
export function sqsQuery(
  id: string,
  queueUrl: string,
  metricName: string,
  periodSeconds: number,
  returnData: boolean,
  statistic = "Maximum",
): MetricQuery {
  const stat = {
    namespace: "AWS/SQS",
    metricName,
    dimensions: [{ name: "QueueName", value: queueNameOf(queueUrl) }],
    statistic,
  };
  return { id, stat, periodSeconds, returnData };
}

/**
 * The policy's metric as `metric`. CloudWatch-backed metrics reuse the reconciler's plan (math included). Live
 * SQS metrics are rebuilt from SQS's 1-minute metrics: backlog per running task, or for sqsUtilization its
 * steady part (in flight + waiting work over the drain window, per slot) without the growth term.
 */
function policyMetricQueries(config: TargetConfig, policy: Policy, periodSeconds: number): MetricQuery[] {
  const metric = policy.metric;
  if ("sqs" in metric || "sqsUtilization" in metric) return liveMetricQueries(metric, periodSeconds);
  const plan = planObservation([{ ...config, policies: [policy] }], 0);
  if (plan.errors.size > 0) return [];
  const [output] = plan.outputs.keys();
  return plan.queries.map((q) => ({ ...q, periodSeconds, id: q.id === output ? IDS.metric : q.id }));
}

function liveMetricQueries(metric: Policy["metric"], periodSeconds: number): MetricQuery[] {
  const url = liveQueueOf(metric) as string;
  const inputs = [
    sqsQuery("sqsVisible", url, "ApproximateNumberOfMessagesVisible", periodSeconds, false),
    sqsQuery("sqsInFlight", url, "ApproximateNumberOfMessagesNotVisible", periodSeconds, false),
    sqsQuery("sqsDelayed", url, "ApproximateNumberOfMessagesDelayed", periodSeconds, false),
  ];
  return [...inputs, { id: IDS.metric, expression: liveExpression(metric), periodSeconds, returnData: true }];
}

function liveExpression(metric: Policy["metric"]): string {
  if ("sqs" in metric) {
    const { countInFlight, countDelayed } = metric.sqs;
    const backlog = ["sqsVisible", countInFlight && "sqsInFlight", countDelayed && "sqsDelayed"].filter(
      Boolean,
    );
    return `(${backlog.join(" + ")}) / ${IDS.running}`;
  }
  if (!("sqsUtilization" in metric)) return "0";
  const { processingSeconds, drainSeconds, concurrency, countDelayed } = metric.sqsUtilization;
  const waiting = countDelayed ? "(sqsVisible + sqsDelayed)" : "sqsVisible";
  const demand = `(sqsInFlight + ${waiting} * ${processingSeconds} / ${drainSeconds}) / ${concurrency}`;
  return `100 * ${demand} / ${IDS.running}`;
}

/** What the first policy tracks: its target value, or the step policy's alarm threshold. */
function targetValueOf(policy: Policy | undefined): number | null {
  if (policy === undefined) return null;
  return policy.type === "TargetTracking" ? policy.targetValue : policy.alarm.threshold;
}

/** One point per timestamp any series has, oldest first; a series without a value there reads null. */
export function mergeSeries(
  data: Record<string, Datapoint[]>,
  target: number | null,
  range: SeriesRange,
): SeriesPoint[] {
  const points = new Map<number, SeriesPoint>();
  for (const column of Object.keys(IDS) as Column[]) {
    for (const { timestamp, value } of data[IDS[column]] ?? []) {
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

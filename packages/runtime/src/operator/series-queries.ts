// The metric queries of one target's chart, for one GetMetricData call: task counts from Container Insights,
// the first policy's metric (as the reconciler queries it, or rebuilt from SQS metrics for live policies) and the
// queue's visible messages.
import {
  firstLiveQueueOf,
  liveQueueOf,
  type MetricQuery,
  type MetricStat,
  type Policy,
  parseServiceId,
  queueNameOf,
  type TargetConfig,
} from "@gantry/core";
import { planObservation } from "../observation-plan.ts";

/** Our query ids, one per charted column; the reconciler's plan names policy queries t0_p0, t0_p0_0…, so they cannot clash. */
export const SERIES_IDS = {
  desired: "desired",
  running: "running",
  metric: "metric",
  backlog: "backlog",
} as const;

export function seriesQueries(config: TargetConfig, periodSeconds: number): MetricQuery[] {
  const { cluster, service } = parseServiceId(config.target.id, "targetId");
  const dimensions = [
    { name: "ClusterName", value: cluster },
    { name: "ServiceName", value: service },
  ];
  const insights = (metricName: string): MetricStat => ({
    namespace: "ECS/ContainerInsights",
    metricName,
    dimensions,
    statistic: "Average",
  });
  const queries: MetricQuery[] = [
    { id: SERIES_IDS.desired, stat: insights("DesiredTaskCount"), periodSeconds, returnData: true },
    { id: SERIES_IDS.running, stat: insights("RunningTaskCount"), periodSeconds, returnData: true },
  ];
  const queue = firstLiveQueueOf(config.policies);
  if (queue !== undefined) {
    queries.push(
      sqsQuery(SERIES_IDS.backlog, queue, "ApproximateNumberOfMessagesVisible", periodSeconds, true),
    );
  }
  const policy = config.policies[0];
  if (policy !== undefined) queries.push(...policyMetricQueries(config, policy, periodSeconds));
  return queries;
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
  const dimensions = [{ name: "QueueName", value: queueNameOf(queueUrl) }];
  return { id, stat: { namespace: "AWS/SQS", metricName, dimensions, statistic }, periodSeconds, returnData };
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
  return plan.queries.map((q) => ({ ...q, periodSeconds, id: q.id === output ? SERIES_IDS.metric : q.id }));
}

function liveMetricQueries(metric: Policy["metric"], periodSeconds: number): MetricQuery[] {
  const url = liveQueueOf(metric) as string;
  const inputs = [
    sqsQuery("sqsVisible", url, "ApproximateNumberOfMessagesVisible", periodSeconds, false),
    sqsQuery("sqsInFlight", url, "ApproximateNumberOfMessagesNotVisible", periodSeconds, false),
    sqsQuery("sqsDelayed", url, "ApproximateNumberOfMessagesDelayed", periodSeconds, false),
  ];
  const expression = liveExpression(metric);
  return [...inputs, { id: SERIES_IDS.metric, expression, periodSeconds, returnData: true }];
}

function liveExpression(metric: Policy["metric"]): string {
  const running = SERIES_IDS.running;
  if ("sqs" in metric) {
    const { countInFlight, countDelayed } = metric.sqs;
    const backlog = ["sqsVisible", countInFlight && "sqsInFlight", countDelayed && "sqsDelayed"];
    return `(${backlog.filter(Boolean).join(" + ")}) / ${running}`;
  }
  if (!("sqsUtilization" in metric)) return "0";
  const { processingSeconds, drainSeconds, concurrency, countDelayed } = metric.sqsUtilization;
  const waiting = countDelayed ? "(sqsVisible + sqsDelayed)" : "sqsVisible";
  const demand = `(sqsInFlight + ${waiting} * ${processingSeconds} / ${drainSeconds}) / ${concurrency}`;
  return `100 * ${demand} / ${running}`;
}

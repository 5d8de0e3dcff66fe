// CloudWatch queries behind the charts: a CloudWatch-backed policy's metric (as the reconciler queries it, math
// included), and one AWS/SQS metric of a queue (the backtests' queue history). Task counts and SQS-backed
// metrics come from Gantry's own samples (recorded-series.ts), not from here.
import { type MetricQuery, type Policy, queueNameOf, type TargetConfig } from "@gantry/core";
import { planObservation } from "../observation-plan.ts";

/** The query id of the charted metric; the reconciler's plan names its queries t0_p0, t0_p0_0…, so none clash. */
export const METRIC_QUERY_ID = "metric";

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

/** The policy's CloudWatch metric as `metric`, at the chart's period; none for a policy it cannot plan. */
export function policyMetricQueries(
  config: TargetConfig,
  policy: Policy,
  periodSeconds: number,
): MetricQuery[] {
  const plan = planObservation([{ ...config, policies: [policy] }], 0);
  if (plan.errors.size > 0) return [];
  const [output] = plan.outputs.keys();
  return plan.queries.map((q) => ({ ...q, periodSeconds, id: q.id === output ? METRIC_QUERY_ID : q.id }));
}

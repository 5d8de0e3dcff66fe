// The SQS queue a target's policies read: live (sqs, sqsUtilization) or through CloudWatch's AWS/SQS metrics
// (the QueueName dimension). The simulated account gives each service one queue, named as the config names it.
import { liveQueueOf, type MetricSpec, queueNameOf, type TargetConfig } from "@gantry/core";

/** Every queue name a metric reads, with the field it comes from. */
function queuesOf(metric: MetricSpec, field: string): { name: string; field: string }[] {
  const live = liveQueueOf(metric);
  if (live !== undefined) return [{ name: queueNameOf(live), field }];
  const stats =
    "cloudwatch" in metric
      ? [{ stat: metric.cloudwatch, field: `${field}.cloudwatch` }]
      : "math" in metric
        ? metric.math.metrics.map((m, i) => ({ stat: m.cloudwatch, field: `${field}.math.metrics[${i}]` }))
        : [];
  return stats.flatMap(({ stat, field: at }) => {
    const name =
      stat.namespace === "AWS/SQS" ? stat.dimensions?.find((d) => d.name === "QueueName") : undefined;
    return name === undefined ? [] : [{ name: name.value, field: `${at}.dimensions` }];
  });
}

/**
 * The one queue `config`'s policies read, or undefined for a service without one (a web service on CPU).
 * Two different queues are a problem naming the second one's field (prefix: the target's place in the file).
 */
export function targetQueue(config: TargetConfig, prefix: string): { name?: string; problem?: string } {
  const found = config.policies.flatMap((p, i) => queuesOf(p.metric, `${prefix}.policies[${i}].metric`));
  const first = found[0];
  const other = found.find((q) => q.name !== first?.name);
  if (other === undefined) return first === undefined ? {} : { name: first.name };
  return {
    problem: `${other.field}: reads queue ${other.name} besides ${first?.name}; gantry dev simulates one queue per service`,
  };
}

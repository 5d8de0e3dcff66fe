// What a policy's metric is called on the chart and its unit, from the policy's metric spec. A CloudWatch
// metric's unit is its `unit` when the config names one; a math expression's is unknown, so it gets none.
import type { Policy, TargetView } from "./api-types.ts";

export interface MetricLabel {
  name: string;
  /** "" when the config does not say. */
  unit: string;
}

type Metric = Policy["metric"];

export function metricLabel(metric: Metric | undefined): MetricLabel {
  if (metric === undefined) return { name: "metric", unit: "" };
  if ("predefined" in metric) {
    if (metric.predefined === "ECSServiceAverageCPUUtilization") return { name: "CPU", unit: "%" };
    if (metric.predefined === "ECSServiceAverageMemoryUtilization") return { name: "memory", unit: "%" };
    return { name: "requests per target", unit: "requests" };
  }
  if ("sqsUtilization" in metric) return { name: "worker utilization", unit: "%" };
  if ("sqs" in metric) return { name: "backlog per task", unit: "messages/task" };
  if ("cloudwatch" in metric)
    return { name: metric.cloudwatch.metricName, unit: metric.cloudwatch.unit ?? "" };
  return { name: "expression", unit: "" };
}

/** `CPU (%)`, or the bare name without a unit. */
export function axisName(label: MetricLabel): string {
  return label.unit ? `${label.name} (${label.unit})` : label.name;
}

/** Whether the target reads a queue live (the series then has its backlog; a web service has none). */
export function hasQueue(view: TargetView): boolean {
  return view.config.policies.some((p) => "sqs" in p.metric || "sqsUtilization" in p.metric);
}

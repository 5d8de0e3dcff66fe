// One GetMetricData query answered from the simulated account, as sim-ports does for the sim's own
// MetricsPort: ECS CPUUtilization from the service's CPU, SQS and RunningTaskCount metrics from its CloudWatch
// store; metric math and unknown metrics return no datapoints.
import type { Datapoint } from "@gantry/core";
import type { SimMetricName, SimService, Statistic } from "@gantry/sim";
import type { SimIndex } from "./sim-index.ts";

export interface MetricDataQuery {
  Id: string;
  ReturnData?: boolean;
  Expression?: string;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: string }[] };
    Period: number;
    Stat: string;
  };
}

const SIM_METRICS: readonly SimMetricName[] = [
  "ApproximateNumberOfMessagesVisible",
  "ApproximateNumberOfMessagesNotVisible",
  "ApproximateNumberOfMessagesDelayed",
  "NumberOfMessagesSent",
  "RunningTaskCount",
];
const STATISTICS: readonly string[] = ["Average", "Sum", "SampleCount", "Minimum", "Maximum"];
const ECS_NAMESPACES = new Set(["AWS/ECS", "ECS/ContainerInsights"]);

/**
 * The simulator has no memory model: the bench's MemoryUtilization follows the CPU, 30 % + half of it, so the
 * memory policy is read and decided every pass but rarely asks for more than the CPU policy.
 */
const memoryOf = (cpu: number) => 30 + 0.5 * cpu;

export function answerMetricQuery(
  index: SimIndex,
  query: MetricDataQuery,
  range: { from: number; to: number; now: number },
): Datapoint[] {
  const stat = query.MetricStat;
  if (stat === undefined || !STATISTICS.includes(stat.Stat)) return [];
  const statistic = stat.Stat as Statistic;
  const window = { ...range, periodMs: stat.Period * 1000 };
  const { Namespace: namespace, MetricName: name } = stat.Metric;
  const dimension = (key: string) => stat.Metric.Dimensions?.find((d) => d.Name === key)?.Value;
  const service = (): SimService | undefined => {
    const cluster = dimension("ClusterName");
    const serviceName = dimension("ServiceName");
    return cluster && serviceName ? index.service(`service/${cluster}/${serviceName}`) : undefined;
  };
  if (namespace === "AWS/ECS" && name === "CPUUtilization")
    return service()?.cpu.query(statistic, window) ?? [];
  if (namespace === "AWS/ECS" && name === "MemoryUtilization") {
    const points = service()?.cpu.query(statistic, window) ?? [];
    const scaled = statistic === "Sum" || statistic === "SampleCount";
    return scaled ? points : points.map((p) => ({ timestamp: p.timestamp, value: memoryOf(p.value) }));
  }
  const metric = SIM_METRICS.find((m) => m === name);
  if (metric === undefined) return [];
  if (namespace === "AWS/SQS" && metric !== "RunningTaskCount") {
    const queue = index.queueByName(dimension("QueueName") ?? "");
    return queue?.cloudwatch.query(metric, statistic, window) ?? [];
  }
  if (ECS_NAMESPACES.has(namespace) && metric === "RunningTaskCount") {
    return service()?.cloudwatch.query(metric, statistic, window) ?? [];
  }
  return [];
}

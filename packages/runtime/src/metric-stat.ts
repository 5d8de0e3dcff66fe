import { type MetricSpec, type MetricStat, parseServiceId, ValidationError } from "@gantry/core";

type CloudWatchStat = Extract<MetricSpec, { cloudwatch: unknown }>["cloudwatch"];

/** `service/<cluster>/<service>` → the ClusterName and ServiceName dimensions AWS/ECS metrics carry. */
export function serviceDimensions(targetId: string): MetricStat["dimensions"] {
  const { cluster, service } = parseServiceId(targetId, "target.id");
  return [
    { name: "ClusterName", value: cluster },
    { name: "ServiceName", value: service },
  ];
}

/**
 * The TargetGroup dimension of RequestCountPerTarget: the `targetgroup/<name>/<id>` end of the resource label
 * `app/<lb>/<id>/targetgroup/<name>/<id>`, as Application Auto Scaling reads it.
 */
export function targetGroupDimension(resourceLabel: string): string {
  const match = /(?:^|\/)(targetgroup\/[^/]+\/[^/]+)$/.exec(resourceLabel);
  if (!match?.[1]) {
    throw new ValidationError(
      `resourceLabel "${resourceLabel}" has no targetgroup/<name>/<id> part`,
      "metric.resourceLabel",
    );
  }
  return match[1];
}

export function fromCloudWatch(stat: CloudWatchStat): MetricStat {
  return {
    namespace: stat.namespace,
    metricName: stat.metricName,
    dimensions: (stat.dimensions ?? []).map((d) => ({ name: d.name, value: d.value })),
    statistic: stat.statistic,
    ...(stat.unit !== undefined && { unit: stat.unit }),
  };
}

/** The CloudWatch metric a predefined or custom spec names; undefined for live (SQS) and math specs. */
export function metricStatFor(targetId: string, metric: MetricSpec): MetricStat | undefined {
  if ("cloudwatch" in metric) return fromCloudWatch(metric.cloudwatch);
  if (!("predefined" in metric)) return undefined;
  switch (metric.predefined) {
    case "ECSServiceAverageCPUUtilization":
      return ecsStat("CPUUtilization", targetId);
    case "ECSServiceAverageMemoryUtilization":
      return ecsStat("MemoryUtilization", targetId);
    case "ALBRequestCountPerTarget":
      return {
        namespace: "AWS/ApplicationELB",
        metricName: "RequestCountPerTarget",
        dimensions: [{ name: "TargetGroup", value: targetGroupDimension(metric.resourceLabel ?? "") }],
        statistic: "Sum",
      };
  }
}

function ecsStat(metricName: string, targetId: string): MetricStat {
  return { namespace: "AWS/ECS", metricName, dimensions: serviceDimensions(targetId), statistic: "Average" };
}

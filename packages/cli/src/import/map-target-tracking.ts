// An AAS target tracking policy → Gantry's TargetTracking policy. AAS's fixed alarm settings for ECS (3 of 3
// datapoints out, 15 of 15 below 90 % in) are Gantry's defaults, so `evaluation` is left out.
import type { AasCustomizedMetric, AasTargetTrackingConfiguration } from "@gantry/aws";
import type { MetricSpec, PolicyInput } from "@gantry/core";
import { failed, type Mapped, mapped } from "./import-finding.ts";
import { mapQueries, mapStat } from "./map-metric.ts";

/** The predefined metrics Gantry reads for ECS services (core's PREDEFINED_METRICS; the schema checks again). */
const PREDEFINED = new Set([
  "ECSServiceAverageCPUUtilization",
  "ECSServiceAverageMemoryUtilization",
  "ALBRequestCountPerTarget",
]);

const CONFIG = "TargetTrackingScalingPolicyConfiguration";

export function mapTargetTracking(
  name: string,
  config: AasTargetTrackingConfiguration | undefined,
): Mapped<PolicyInput> {
  if (!config) return failed(CONFIG, "missing");
  if (config.TargetValue === undefined) return failed(`${CONFIG}.TargetValue`, "missing");
  const metric = mapTrackedMetric(config);
  if (!metric.ok) return metric;
  return mapped({
    name,
    type: "TargetTracking",
    targetValue: config.TargetValue,
    metric: metric.value,
    ...(config.ScaleOutCooldown !== undefined && { scaleOutCooldown: config.ScaleOutCooldown }),
    ...(config.ScaleInCooldown !== undefined && { scaleInCooldown: config.ScaleInCooldown }),
    ...(config.DisableScaleIn === true && { disableScaleIn: true }),
  });
}

function mapTrackedMetric(config: AasTargetTrackingConfiguration): Mapped<MetricSpec> {
  const predefined = config.PredefinedMetricSpecification;
  if (predefined) {
    const type = predefined.PredefinedMetricType ?? "";
    if (!PREDEFINED.has(type)) {
      return failed(
        `PredefinedMetricType ${type}`,
        `Gantry's predefined metrics are ${[...PREDEFINED].join(", ")}`,
      );
    }
    return mapped({
      predefined: type as "ECSServiceAverageCPUUtilization",
      ...(predefined.ResourceLabel && { resourceLabel: predefined.ResourceLabel }),
    });
  }
  if (config.CustomizedMetricSpecification) return mapCustomized(config.CustomizedMetricSpecification);
  return failed(CONFIG, "names neither a predefined nor a customized metric");
}

function mapCustomized(spec: AasCustomizedMetric): Mapped<MetricSpec> {
  const setting = "CustomizedMetricSpecification";
  if (spec.Metrics && spec.Metrics.length > 0) {
    const queries = mapQueries(spec.Metrics, `${setting}.Metrics`);
    return queries.ok ? mapped(queries.value.metric) : queries;
  }
  const stat = mapStat(spec, spec.Statistic, spec.Unit, setting);
  return stat.ok ? mapped({ cloudwatch: stat.value }) : stat;
}

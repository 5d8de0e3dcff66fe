import type { Metrics } from "@aws-lambda-powertools/metrics";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { ReconcileMetrics } from "@gantry/runtime";

/**
 * Only these gauges get a per-target `TargetId` dimension: every distinct dimension value is a separate
 * CloudWatch metric (and a separate charge), so counters stay aggregated by `service` alone.
 */
export const PER_TARGET_METRIC = /^(desired|running)(count|tasks|capacity)?$/i;

const UNITS = {
  Count: MetricUnit.Count,
  Milliseconds: MetricUnit.Milliseconds,
  None: MetricUnit.NoUnit,
} as const;

/**
 * The reconciler's telemetry over Powertools Metrics (EMF). Aggregate metrics are buffered and flushed by the
 * logMetrics middleware; a per-target gauge is emitted at once as a single metric with its own dimension set
 * (service, TargetId), since dimensions on the shared buffer would apply to every metric in it.
 */
export function toReconcileMetrics(metrics: Metrics): ReconcileMetrics {
  return {
    record(name, value, unit, targetId) {
      if (targetId !== undefined && PER_TARGET_METRIC.test(name)) {
        const single = metrics.singleMetric();
        single.addDimension("TargetId", targetId);
        single.addMetric(name, UNITS[unit], value);
        return;
      }
      metrics.addMetric(name, UNITS[unit], value);
    },
  };
}

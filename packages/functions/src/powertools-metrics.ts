import type { Metrics } from "@aws-lambda-powertools/metrics";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { ReconcileMetrics } from "@gantry/runtime";
import { metricDescriptor } from "./metric-descriptors.ts";

const UNITS = {
  Count: MetricUnit.Count,
  Milliseconds: MetricUnit.Milliseconds,
  None: MetricUnit.NoUnit,
} as const;

/**
 * The reconciler's telemetry over Powertools Metrics (EMF). A name's descriptor (metric-descriptors.ts) decides
 * its dimensions: a gauge declared with an entity dimension is emitted at once as a single metric with its own
 * dimension set (service plus that entity), since dimensions on the shared buffer would apply to every metric in
 * it; everything else is buffered, aggregated by `service`, and flushed by the logMetrics middleware. A name with
 * no descriptor stays aggregated (the descriptor test keeps the runtime's names declared).
 */
export function toReconcileMetrics(metrics: Metrics): ReconcileMetrics {
  return {
    record(name, value, unit, entityId) {
      const dimension = metricDescriptor(name)?.dimensions[0];
      if (entityId !== undefined && dimension !== undefined) {
        const single = metrics.singleMetric();
        single.addDimension(dimension, entityId);
        single.addMetric(name, UNITS[unit], value);
        return;
      }
      metrics.addMetric(name, UNITS[unit], value);
    },
  };
}

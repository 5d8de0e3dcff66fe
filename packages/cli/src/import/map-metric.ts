// AWS metric specifications → Gantry's MetricSpec: a single CloudWatch metric, or metric math over metric stats.
import type { AasMetric, AasMetricQuery } from "@gantry/aws";
import type { MetricSpec } from "@gantry/core";
import { failed, type Mapped, mapped } from "./import-finding.ts";

type CloudWatchStat = Extract<MetricSpec, { cloudwatch: unknown }>["cloudwatch"];

/** A metric and, for alarms, the period its datapoints are aggregated over. */
export interface QueryMetric {
  metric: MetricSpec;
  periodSeconds: number | undefined;
}

/** One metric with its statistic (and unit), as Gantry's `cloudwatch` block. */
export function mapStat(
  metric: AasMetric | undefined,
  statistic: string | undefined,
  unit: string | undefined,
  setting: string,
): Mapped<CloudWatchStat> {
  if (!metric?.Namespace || !metric.MetricName) return failed(setting, "names no Namespace and MetricName");
  if (!statistic) return failed(setting, "names no statistic");
  const dimensions = (metric.Dimensions ?? []).map((d) => ({ name: d.Name ?? "", value: d.Value ?? "" }));
  return mapped({
    namespace: metric.Namespace,
    metricName: metric.MetricName,
    ...(dimensions.length > 0 && { dimensions }),
    statistic,
    ...(unit && { unit }),
  });
}

/**
 * Metric data queries (AAS's customized metric math, or a metric math alarm's Metrics): one query returns data;
 * it is either a metric stat, or one expression over the other queries' metric stats.
 */
export function mapQueries(queries: readonly AasMetricQuery[], setting: string): Mapped<QueryMetric> {
  const returned = queries.filter((q) => q.ReturnData !== false);
  if (returned.length !== 1) {
    return failed(setting, `${returned.length} queries return data; Gantry's metric is one series`);
  }
  const crossAccount = queries.find((q) => q.AccountId);
  if (crossAccount) {
    return failed(`${setting} ${crossAccount.Id} AccountId`, "Gantry reads metrics of its own account only");
  }
  const result = returned[0] as AasMetricQuery;
  if (!result.Expression) {
    const stat = mapStat(
      result.MetricStat?.Metric,
      result.MetricStat?.Stat,
      result.MetricStat?.Unit,
      setting,
    );
    if (!stat.ok) return stat;
    return mapped({
      metric: { cloudwatch: stat.value },
      periodSeconds: result.MetricStat?.Period ?? result.Period,
    });
  }
  return mapMath(
    result,
    queries.filter((q) => q !== result),
    setting,
  );
}

function mapMath(
  result: AasMetricQuery,
  inputs: readonly AasMetricQuery[],
  setting: string,
): Mapped<QueryMetric> {
  const nested = inputs.filter((q) => q.Expression).map((q) => q.Id);
  if (nested.length > 0) {
    return failed(
      `${setting} ${nested.join(", ")}`,
      "intermediate expressions: Gantry's math is one expression over metric stats",
    );
  }
  const metrics: { id: string; cloudwatch: CloudWatchStat }[] = [];
  for (const query of inputs) {
    const stat = mapStat(
      query.MetricStat?.Metric,
      query.MetricStat?.Stat,
      query.MetricStat?.Unit,
      `${setting} ${query.Id}`,
    );
    if (!stat.ok) return stat;
    metrics.push({ id: query.Id ?? "", cloudwatch: stat.value });
  }
  const periods = [...new Set(inputs.map((q) => q.MetricStat?.Period).filter((p) => p !== undefined))];
  if (periods.length > 1) {
    return failed(
      `${setting} Period`,
      `the metrics use different periods (${periods.join(", ")} s); Gantry uses one`,
    );
  }
  const expression = result.Expression as string;
  return mapped({ metric: { math: { expression, metrics } }, periodSeconds: periods[0] ?? result.Period });
}

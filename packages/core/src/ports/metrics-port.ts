import type { Datapoint } from "../model/observation.ts";

export interface MetricStat {
  namespace: string;
  metricName: string;
  dimensions: { name: string; value: string }[];
  statistic: string;
  unit?: string;
}

/** One GetMetricData query: a metric statistic or a math expression over other queries' ids. */
export interface MetricQuery {
  id: string;
  stat?: MetricStat;
  expression?: string;
  periodSeconds: number;
  /** False for the inputs of a math expression. */
  returnData: boolean;
}

/**
 * CloudWatch GetMetricData. Any number of queries; adapters batch them 500 per call and follow NextToken.
 * Returns datapoints per returned query id, oldest first, timestamps at period starts (epoch ms). Every query
 * with `returnData` is a key of the result (`[]` when CloudWatch holds no datapoints), except one CloudWatch
 * could not answer (a per-query StatusCode Forbidden or InternalError): that id alone is absent, the others are
 * answered, and callers treat its data as missing, never as zero.
 * Errors: ThrottledError; a query CloudWatch rejects is a ValidationError naming its id.
 */
export interface MetricsPort {
  getMetricData(
    queries: readonly MetricQuery[],
    range: { start: number; end: number },
  ): Promise<Record<string, Datapoint[]>>;
}

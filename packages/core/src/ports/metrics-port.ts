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
 * Returns datapoints per returned query id, oldest first, timestamps at period starts (epoch ms).
 * Errors: ThrottledError; a query CloudWatch rejects is a ValidationError naming its id.
 */
export interface MetricsPort {
  getMetricData(
    queries: readonly MetricQuery[],
    range: { start: number; end: number },
  ): Promise<Record<string, Datapoint[]>>;
}

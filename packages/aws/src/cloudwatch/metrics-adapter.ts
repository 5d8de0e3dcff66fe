import {
  type CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  type GetMetricDataCommandOutput,
  type MetricDataQuery,
  type MetricDataResult,
  type StandardUnit,
} from "@aws-sdk/client-cloudwatch";
import {
  type Datapoint,
  type MetricQuery,
  type MetricsPort,
  mapBounded,
  ValidationError,
} from "@gantry/core";
import { toDomainError } from "../sdk-errors.ts";
import { batchMetricQueries } from "./metric-query-batches.ts";

const ACTION = "cloudwatch:GetMetricData";

type Range = { start: number; end: number };

/**
 * GetMetricData calls in flight at once. CloudWatch allows 50 a second per account by default [AWS]; ten calls
 * of 500 queries each cover 5,000 metrics in one round trip and leave room for the alarm handler's reads.
 */
export const DEFAULT_METRIC_BATCH_CONCURRENCY = 10;

export interface MetricsPortOptions {
  /** Most GetMetricData calls in flight at once (default 10). */
  concurrency?: number;
}

/** MetricsPort over CloudWatch GetMetricData: 500 queries per call, batches in parallel, every page followed. */
export function createMetricsPort(client: CloudWatchClient, options: MetricsPortOptions = {}): MetricsPort {
  const concurrency = options.concurrency ?? DEFAULT_METRIC_BATCH_CONCURRENCY;
  return { getMetricData: (queries, range) => getMetricData(client, queries, range, concurrency) };
}

async function getMetricData(
  client: CloudWatchClient,
  queries: readonly MetricQuery[],
  range: Range,
  concurrency: number,
): Promise<Record<string, Datapoint[]>> {
  checkRequest(queries, range);
  const series = new Map<string, Datapoint[]>(queries.filter((q) => q.returnData).map((q) => [q.id, []]));
  // Batches share no query id, so each fills its own entries of `series`; the first failure rejects the call.
  await mapBounded(batchMetricQueries(queries), concurrency, (batch) =>
    fetchBatch(client, batch, range, series),
  );
  for (const points of series.values()) points.sort((a, b) => a.timestamp - b.timestamp);
  return Object.fromEntries(series);
}

function checkRequest(queries: readonly MetricQuery[], range: Range): void {
  if (!(range.start < range.end)) throw new ValidationError("range.start must be before range.end", "range");
  const seen = new Set<string>();
  for (const query of queries) {
    if (seen.has(query.id))
      throw new ValidationError(`metric query id "${query.id}" is used twice`, query.id);
    seen.add(query.id);
    if ((query.stat === undefined) === (query.expression === undefined)) {
      throw new ValidationError(
        `metric query "${query.id}" needs exactly one of stat and expression`,
        query.id,
      );
    }
  }
}

/** One batch, page by page. PartialData results (and top-level Messages) continue on the next page. */
async function fetchBatch(
  client: CloudWatchClient,
  batch: MetricQuery[],
  range: Range,
  series: Map<string, Datapoint[]>,
): Promise<void> {
  const command = {
    MetricDataQueries: batch.map(toMetricDataQuery),
    StartTime: new Date(range.start),
    EndTime: new Date(range.end),
    ScanBy: "TimestampAscending" as const,
  };
  let nextToken: string | undefined;
  do {
    const page = await sendPage(client, { ...command, NextToken: nextToken }, batch);
    for (const result of page.MetricDataResults ?? []) appendResult(result, series);
    nextToken = page.NextToken;
  } while (nextToken);
}

async function sendPage(
  client: CloudWatchClient,
  input: GetMetricDataCommandInput,
  batch: MetricQuery[],
): Promise<GetMetricDataCommandOutput> {
  try {
    return await client.send(new GetMetricDataCommand(input));
  } catch (error) {
    throw nameRejectedQuery(toDomainError(error, { action: ACTION }), batch);
  }
}

export function toMetricDataQuery(query: MetricQuery): MetricDataQuery {
  if (query.stat === undefined) {
    return {
      Id: query.id,
      Expression: query.expression,
      Period: query.periodSeconds,
      ReturnData: query.returnData,
    };
  }
  const { namespace, metricName, dimensions, statistic, unit } = query.stat;
  return {
    Id: query.id,
    MetricStat: {
      Metric: {
        Namespace: namespace,
        MetricName: metricName,
        Dimensions: dimensions.map((d) => ({ Name: d.name, Value: d.value })),
      },
      Period: query.periodSeconds,
      Stat: statistic,
      // CloudWatch checks the unit and rejects an unknown one with a ValidationError.
      ...(unit === undefined ? {} : { Unit: unit as StandardUnit }),
    },
    ReturnData: query.returnData,
  };
}

/**
 * A result CloudWatch could not compute (StatusCode Forbidden or InternalError) drops only its own query from
 * the answer, as the port promises: its later pages are ignored and the other queries stand.
 */
function appendResult(result: MetricDataResult, series: Map<string, Datapoint[]>): void {
  if (result.StatusCode === "InternalError" || result.StatusCode === "Forbidden") {
    series.delete(result.Id ?? "");
    return;
  }
  const points = series.get(result.Id ?? "");
  if (points === undefined) return;
  const values = result.Values ?? [];
  (result.Timestamps ?? []).forEach((time, index) => {
    const value = values[index];
    if (value !== undefined) points.push({ timestamp: time.getTime(), value });
  });
}

/**
 * The port promises that a rejected query is a ValidationError naming its id. CloudWatch names the query by its
 * position (`MetricDataQueries.member.3`) or by its id in the message.
 */
function nameRejectedQuery(error: Error, batch: MetricQuery[]): Error {
  if (!(error instanceof ValidationError)) return error;
  const member = /MetricDataQueries\.member\.(\d+)/.exec(error.message);
  const byPosition = member ? batch[Number(member[1]) - 1] : undefined;
  const query =
    byPosition ?? batch.find((q) => new RegExp(`\\b${escapeRegExp(q.id)}\\b`).test(error.message));
  if (query === undefined) return error;
  return new ValidationError(`metric query "${query.id}" was rejected: ${error.message}`, query.id, {
    cause: error.cause,
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

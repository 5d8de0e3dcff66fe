// CloudWatch over the simulated account: GetMetricData (at most 500 queries a call) and the managed alarms'
// PutMetricAlarm, DescribeAlarms and DeleteAlarms (at most 100 names a call), kept in memory.
import { DELETE_ALARMS_LIMIT, GET_METRIC_DATA_LIMIT } from "@gantry/aws";
import { AwsError, type ServiceHandler } from "./aws-error.ts";
import { answerMetricQuery, type MetricDataQuery } from "./metric-queries.ts";
import type { SimIndex } from "./sim-index.ts";
import type { Usage } from "./usage.ts";

const MAX_RECORDS = 100;

export interface CloudWatchBackend {
  handler: ServiceHandler;
  /** Alarm name → its PutMetricAlarm input. */
  alarms: Map<string, Record<string, unknown>>;
}

export function cloudWatchBackend(index: SimIndex, usage: Usage): CloudWatchBackend {
  const alarms = new Map<string, Record<string, unknown>>();
  const handler: ServiceHandler = (operation, input) => {
    switch (operation) {
      case "GetMetricData":
        return getMetricData(index, usage, input);
      case "PutMetricAlarm":
        alarms.set(String(input.AlarmName), input);
        return {};
      case "DescribeAlarms":
        return describeAlarms(alarms, input);
      case "DeleteAlarms":
        return deleteAlarms(alarms, (input.AlarmNames as string[] | undefined) ?? []);
      default:
        throw new AwsError("UnknownOperationException", `the bench does not emulate cloudwatch:${operation}`);
    }
  };
  return { handler, alarms };
}

function getMetricData(index: SimIndex, usage: Usage, input: Record<string, unknown>) {
  const queries = (input.MetricDataQueries as MetricDataQuery[] | undefined) ?? [];
  if (queries.length > GET_METRIC_DATA_LIMIT) {
    throw new AwsError(
      "InvalidParameterValue",
      `The collection MetricDataQueries must not have a size greater than ${GET_METRIC_DATA_LIMIT}.`,
    );
  }
  // Priced per metric requested: each MetricStat query, expressions not.
  usage.getMetricDataMetrics += queries.filter((q) => q.MetricStat !== undefined).length;
  const range = {
    from: Number(input.StartTime) * 1000,
    to: Number(input.EndTime) * 1000,
    now: index.account.now(),
  };
  const results = queries
    .filter((q) => q.ReturnData !== false)
    .map((query) => {
      const points = answerMetricQuery(index, query, range);
      return {
        Id: query.Id,
        Label: query.Id,
        Timestamps: points.map((p) => p.timestamp / 1000),
        Values: points.map((p) => p.value),
        StatusCode: "Complete",
      };
    });
  return { MetricDataResults: results, Messages: [] };
}

function describeAlarms(alarms: Map<string, Record<string, unknown>>, input: Record<string, unknown>) {
  const prefix = String(input.AlarmNamePrefix ?? "");
  const names = [...alarms.keys()].filter((n) => n.startsWith(prefix)).sort();
  const start = Number(input.NextToken ?? 0);
  const size = Math.min(Number(input.MaxRecords ?? 50), MAX_RECORDS);
  const page = names.slice(start, start + size);
  const next = start + size < names.length ? { NextToken: String(start + size) } : {};
  return { MetricAlarms: page.map((name) => ({ AlarmName: name, StateValue: "OK" })), ...next };
}

function deleteAlarms(alarms: Map<string, unknown>, names: readonly string[]) {
  if (names.length > DELETE_ALARMS_LIMIT) {
    throw new AwsError("ValidationError", `AlarmNames can have at most ${DELETE_ALARMS_LIMIT} items.`);
  }
  const missing = names.filter((name) => !alarms.has(name));
  if (missing.length > 0) throw new AwsError("ResourceNotFound", `alarms not found: ${missing.join(", ")}`);
  for (const name of names) alarms.delete(name);
  return {};
}

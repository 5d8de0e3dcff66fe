import {
  CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  type MetricDataResult,
} from "@aws-sdk/client-cloudwatch";
import { type MetricQuery, ThrottledError, ValidationError } from "@gantry/core";
import { sdkError, TEST_CLIENT_CONFIG } from "@gantry/testing/sdk-mock";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { createMetricsPort } from "./metrics-adapter.ts";

const cloudWatchMock = mockClient(CloudWatchClient);
const port = createMetricsPort(new CloudWatchClient(TEST_CLIENT_CONFIG));
const range = { start: Date.UTC(2026, 0, 1, 12, 0), end: Date.UTC(2026, 0, 1, 12, 10) };
const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 12, n));

function cpuQuery(id: string, returnData = true): MetricQuery {
  return {
    id,
    stat: {
      namespace: "AWS/ECS",
      metricName: "CPUUtilization",
      dimensions: [
        { name: "ClusterName", value: "blue" },
        { name: "ServiceName", value: "web" },
      ],
      statistic: "Average",
      unit: "Percent",
    },
    periodSeconds: 60,
    returnData,
  };
}

/** Answers each call with one datapoint per returned query, as CloudWatch would. */
function oneDatapointEach(input: GetMetricDataCommandInput) {
  const results: MetricDataResult[] = (input.MetricDataQueries ?? []).map((query) => ({
    Id: query.Id,
    Timestamps: [minute(1)],
    Values: [1],
    StatusCode: "Complete",
  }));
  return { MetricDataResults: results };
}

beforeEach(() => cloudWatchMock.reset());

describe("getMetricData", () => {
  it("sends 1,200 queries in 3 calls of at most 500", async () => {
    cloudWatchMock.on(GetMetricDataCommand).callsFake(oneDatapointEach);
    const queries = Array.from({ length: 1200 }, (_, i) => cpuQuery(`m${i}`));

    const result = await port.getMetricData(queries, range);

    expect(cloudWatchMock).toHaveReceivedCommandTimes(GetMetricDataCommand, 3);
    const sizes = cloudWatchMock
      .commandCalls(GetMetricDataCommand)
      .map((call) => call.args[0].input.MetricDataQueries?.length);
    expect(sizes).toEqual([500, 500, 200]);
    expect(Object.keys(result)).toHaveLength(1200);
    expect(result.m1199).toEqual([{ timestamp: minute(1).getTime(), value: 1 }]);
  });

  it("maps a stat query to MetricStat and an expression to Expression", async () => {
    cloudWatchMock.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    await port.getMetricData(
      [cpuQuery("cpu", false), { id: "e1", expression: "cpu * 2", periodSeconds: 60, returnData: true }],
      range,
    );
    expect(cloudWatchMock).toHaveReceivedCommandExactlyOnceWith(GetMetricDataCommand, {
      StartTime: new Date(range.start),
      EndTime: new Date(range.end),
      ScanBy: "TimestampAscending",
      MetricDataQueries: [
        {
          Id: "cpu",
          MetricStat: {
            Metric: {
              Namespace: "AWS/ECS",
              MetricName: "CPUUtilization",
              Dimensions: [
                { Name: "ClusterName", Value: "blue" },
                { Name: "ServiceName", Value: "web" },
              ],
            },
            Period: 60,
            Stat: "Average",
            Unit: "Percent",
          },
          ReturnData: false,
        },
        { Id: "e1", Expression: "cpu * 2", Period: 60, ReturnData: true },
      ],
    });
  });

  it("follows NextToken, including PartialData pages, and merges them oldest first in epoch ms", async () => {
    cloudWatchMock
      .on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [
          { Id: "a", Timestamps: [minute(1), minute(2)], Values: [10, 20], StatusCode: "PartialData" },
          { Id: "b", Timestamps: [minute(1)], Values: [5], StatusCode: "PartialData" },
        ],
        Messages: [{ Code: "MaxDatapointsExceeded", Value: "more on the next page" }],
        NextToken: "page-2",
      })
      .resolvesOnce({
        MetricDataResults: [
          { Id: "a", Timestamps: [minute(4), minute(3)], Values: [40, 30], StatusCode: "Complete" },
        ],
      });

    const result = await port.getMetricData([cpuQuery("a"), cpuQuery("b"), cpuQuery("c")], range);

    expect(cloudWatchMock).toHaveReceivedCommandTimes(GetMetricDataCommand, 2);
    expect(cloudWatchMock).toHaveReceivedNthCommandWith(GetMetricDataCommand, 2, { NextToken: "page-2" });
    expect(result).toEqual({
      a: [1, 2, 3, 4].map((n) => ({ timestamp: minute(n).getTime(), value: n * 10 })),
      b: [{ timestamp: minute(1).getTime(), value: 5 }],
      c: [],
    });
  });

  it("keeps a math expression in the same call as the queries it reads", async () => {
    cloudWatchMock.on(GetMetricDataCommand).callsFake(oneDatapointEach);
    const queries: MetricQuery[] = [
      ...Array.from({ length: 499 }, (_, i) => cpuQuery(`m${i}`)),
      cpuQuery("visible", false),
      cpuQuery("tasks", false),
      { id: "backlog", expression: "visible / tasks", periodSeconds: 60, returnData: true },
    ];
    await port.getMetricData(queries, range);
    const batches = cloudWatchMock
      .commandCalls(GetMetricDataCommand)
      .map((call) => (call.args[0].input.MetricDataQueries ?? []).map((query) => query.Id));
    expect(batches.map((ids) => ids.length)).toEqual([499, 3]);
    expect(batches[1]).toEqual(["visible", "tasks", "backlog"]);
  });

  it("turns a rejected query into a ValidationError naming its id", async () => {
    cloudWatchMock.on(GetMetricDataCommand).rejects(
      sdkError("ValidationError", {
        message: "The value for parameter MetricDataQueries.member.2.Expression is invalid.",
      }),
    );
    const error = await port
      .getMetricData(
        [cpuQuery("cpu"), { id: "bad", expression: "cpu +", periodSeconds: 60, returnData: true }],
        range,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: "bad", message: expect.stringContaining('"bad"') });
  });

  it("refuses duplicate ids and empty ranges before calling CloudWatch", async () => {
    await expect(port.getMetricData([cpuQuery("a"), cpuQuery("a")], range)).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(port.getMetricData([cpuQuery("a")], { start: 5, end: 5 })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(cloudWatchMock).not.toHaveReceivedAnyCommand();
  });

  it.each(["Forbidden", "InternalError"] as const)(
    "leaves out only the query CloudWatch answers %s; the others keep their datapoints",
    async (status) => {
      cloudWatchMock
        .on(GetMetricDataCommand)
        .resolvesOnce({
          MetricDataResults: [
            { Id: "a", Timestamps: [minute(1)], Values: [1], StatusCode: "Complete" },
            { Id: "b", Timestamps: [minute(1)], Values: [2], StatusCode: "PartialData" },
            { Id: "c", Timestamps: [minute(1)], Values: [3], StatusCode: "Complete" },
          ],
          NextToken: "page-2",
        })
        .resolvesOnce({
          MetricDataResults: [
            {
              Id: "b",
              StatusCode: status,
              Messages: [{ Code: status, Value: "cannot read this metric" }],
            },
          ],
        });

      const result = await port.getMetricData([cpuQuery("a"), cpuQuery("b"), cpuQuery("c")], range);

      expect(result).toEqual({
        a: [{ timestamp: minute(1).getTime(), value: 1 }],
        c: [{ timestamp: minute(1).getTime(), value: 3 }],
      });
    },
  );

  it("runs its batches in parallel, at most `concurrency` calls at once", async () => {
    let inFlight = 0;
    let most = 0;
    cloudWatchMock.on(GetMetricDataCommand).callsFake(async (input: GetMetricDataCommandInput) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return oneDatapointEach(input);
    });
    const queries = Array.from({ length: 2600 }, (_, i) => cpuQuery(`m${i}`));
    const parallel = createMetricsPort(new CloudWatchClient(TEST_CLIENT_CONFIG), { concurrency: 3 });

    const result = await parallel.getMetricData(queries, range);

    expect(cloudWatchMock).toHaveReceivedCommandTimes(GetMetricDataCommand, 6);
    expect(most).toBe(3);
    expect(Object.keys(result)).toHaveLength(2600);
  });

  it("fails the call when one batch fails", async () => {
    cloudWatchMock
      .on(GetMetricDataCommand)
      .callsFakeOnce(oneDatapointEach)
      .rejectsOnce(sdkError("Throttling", { message: "Rate exceeded" }))
      .callsFake(oneDatapointEach);
    const queries = Array.from({ length: 1500 }, (_, i) => cpuQuery(`m${i}`));
    await expect(port.getMetricData(queries, range)).rejects.toBeInstanceOf(ThrottledError);
  });

  it("maps throttling to ThrottledError", async () => {
    cloudWatchMock.on(GetMetricDataCommand).rejects(sdkError("Throttling", { message: "Rate exceeded" }));
    await expect(port.getMetricData([cpuQuery("a")], range)).rejects.toBeInstanceOf(ThrottledError);
  });

  it("makes no call for no queries", async () => {
    expect(await port.getMetricData([], range)).toEqual({});
    expect(cloudWatchMock).not.toHaveReceivedAnyCommand();
  });
});

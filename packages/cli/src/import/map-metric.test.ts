import type { AasMetricQuery } from "@gantry/aws";
import { describe, expect, it } from "vitest";
import { mapQueries } from "./map-metric.ts";

const stat = (Id: string, Period?: number): AasMetricQuery => ({
  Id,
  MetricStat: {
    Metric: {
      Namespace: "AWS/SQS",
      MetricName: "ApproximateNumberOfMessagesVisible",
      Dimensions: [{ Name: "QueueName", Value: "q" }],
    },
    Stat: "Sum",
    ...(Period !== undefined && { Period }),
  },
  ReturnData: false,
});

describe("mapQueries", () => {
  it("maps one expression over metric stats to Gantry's math", () => {
    const mapped = mapQueries(
      [stat("m1"), stat("m2"), { Id: "e1", Expression: "m1 + m2", ReturnData: true }],
      "Metrics",
    );
    expect(mapped).toEqual({
      ok: true,
      value: {
        metric: {
          math: {
            expression: "m1 + m2",
            metrics: ["m1", "m2"].map((id) => ({
              id,
              cloudwatch: {
                namespace: "AWS/SQS",
                metricName: "ApproximateNumberOfMessagesVisible",
                dimensions: [{ name: "QueueName", value: "q" }],
                statistic: "Sum",
              },
            })),
          },
        },
        periodSeconds: undefined,
      },
    });
  });

  it("maps a lone returned metric stat to a CloudWatch metric", () => {
    const mapped = mapQueries([{ ...stat("m1", 60), ReturnData: true }], "Metrics");
    expect(mapped).toMatchObject({
      ok: true,
      value: { metric: { cloudwatch: { statistic: "Sum" } }, periodSeconds: 60 },
    });
  });

  it.each([
    [
      "two returned series",
      [
        { ...stat("m1"), ReturnData: true },
        { Id: "e1", Expression: "m1 * 2" },
      ],
      "Metrics",
    ],
    [
      "intermediate expressions",
      [stat("m1"), { Id: "e1", Expression: "m1 * 2", ReturnData: false }, { Id: "e2", Expression: "e1 + 1" }],
      "Metrics e1",
    ],
    [
      "a cross-account metric",
      [
        { ...stat("m1"), AccountId: "999999999999" },
        { Id: "e1", Expression: "m1" },
      ],
      "Metrics m1 AccountId",
    ],
    [
      "mixed periods",
      [stat("m1", 60), stat("m2", 300), { Id: "e1", Expression: "m1 + m2" }],
      "Metrics Period",
    ],
  ])("reports %s", (_, queries, setting) => {
    const mapped = mapQueries(queries as AasMetricQuery[], "Metrics");
    expect(!mapped.ok && mapped.problem.setting).toBe(setting);
  });
});

import type { AasMetricAlarm } from "@gantry/aws";
import { describe, expect, it } from "vitest";
import { alarmLeftovers, mapAlarm } from "./map-alarm.ts";

const POLICY =
  "arn:aws:autoscaling:eu-west-1:123456789012:scalingPolicy:1:resource/ecs/service/prod/web:policyName/out";

const alarm = (overrides: Partial<AasMetricAlarm> = {}): AasMetricAlarm => ({
  AlarmName: "web-high",
  Namespace: "AWS/SQS",
  MetricName: "ApproximateAgeOfOldestMessage",
  Dimensions: [{ Name: "QueueName", Value: "jobs" }],
  Statistic: "Maximum",
  Period: 60,
  EvaluationPeriods: 5,
  DatapointsToAlarm: 3,
  Threshold: 300,
  ComparisonOperator: "GreaterThanThreshold",
  AlarmActions: [POLICY],
  ...overrides,
});

describe("mapAlarm", () => {
  it("carries the metric, statistic, period, threshold, comparison and M of N", () => {
    expect(mapAlarm(alarm({ Unit: "Seconds" }), POLICY)).toEqual({
      ok: true,
      value: {
        metric: {
          cloudwatch: {
            namespace: "AWS/SQS",
            metricName: "ApproximateAgeOfOldestMessage",
            dimensions: [{ name: "QueueName", value: "jobs" }],
            statistic: "Maximum",
            unit: "Seconds",
          },
        },
        alarm: {
          threshold: 300,
          comparisonOperator: "GreaterThanThreshold",
          evaluationPeriods: 5,
          datapointsToAlarm: 3,
          periodSeconds: 60,
        },
      },
    });
  });

  it("takes CloudWatch's default of every period breaching when DatapointsToAlarm is absent", () => {
    const mapped = mapAlarm(alarm({ DatapointsToAlarm: undefined }), POLICY);
    expect(mapped.ok && mapped.value.alarm.datapointsToAlarm).toBe(5);
  });

  it("reads an extended statistic (a percentile)", () => {
    const mapped = mapAlarm(alarm({ Statistic: undefined, ExtendedStatistic: "p90" }), POLICY);
    expect(mapped.ok && mapped.value.metric).toMatchObject({ cloudwatch: { statistic: "p90" } });
  });

  it("reads a metric math alarm, its period from the metric stats", () => {
    const stat = (Id: string, MetricName: string) => ({
      Id,
      MetricStat: { Metric: { Namespace: "AWS/SQS", MetricName }, Stat: "Sum", Period: 300 },
      ReturnData: false,
    });
    const math = alarm({
      Namespace: undefined,
      MetricName: undefined,
      Statistic: undefined,
      Period: undefined,
      Metrics: [
        stat("a", "NumberOfMessagesSent"),
        stat("b", "NumberOfMessagesDeleted"),
        { Id: "e", Expression: "a - b" },
      ],
    });
    const mapped = mapAlarm(math, POLICY);
    expect(mapped.ok && mapped.value.metric).toMatchObject({ math: { expression: "a - b" } });
    expect(mapped.ok && mapped.value.alarm.periodSeconds).toBe(300);
  });

  it.each([
    ["an anomaly detection band", { ThresholdMetricId: "ad1" }, "ThresholdMetricId"],
    [
      "a band comparison",
      { ComparisonOperator: "LessThanLowerOrGreaterThanUpperThreshold" },
      "ComparisonOperator LessThanLowerOrGreaterThanUpperThreshold",
    ],
    ["disabled actions", { ActionsEnabled: false }, "ActionsEnabled false"],
    ["the policy run on OK", { AlarmActions: [], OKActions: [POLICY] }, "OKActions"],
    ["no period", { Period: undefined }, "Period"],
    ["no statistic", { Statistic: undefined }, "metric"],
  ])("cannot carry %s", (_, overrides, setting) => {
    const mapped = mapAlarm(alarm(overrides as Partial<AasMetricAlarm>), POLICY);
    expect(mapped.ok).toBe(false);
    expect(!mapped.ok && mapped.problem.setting).toBe(setting);
  });
});

describe("alarmLeftovers", () => {
  it("lists notifications and missing-data handling Gantry's alarm lacks, not scaling policies", () => {
    const leftovers = alarmLeftovers(
      alarm({
        AlarmActions: [POLICY, "arn:aws:sns:eu-west-1:123456789012:oncall"],
        OKActions: ["arn:aws:sns:eu-west-1:123456789012:recovered"],
        TreatMissingData: "breaching",
        EvaluateLowSampleCountPercentile: "ignore",
      }),
      "svc policy out alarm web-high",
    );
    expect(leftovers.map((f) => f.setting)).toEqual([
      "AlarmActions arn:aws:sns:eu-west-1:123456789012:oncall",
      "OKActions arn:aws:sns:eu-west-1:123456789012:recovered",
      "TreatMissingData breaching",
      "EvaluateLowSampleCountPercentile ignore",
    ]);
    expect(alarmLeftovers(alarm({ TreatMissingData: "notBreaching" }), "x")).toEqual([]);
  });
});

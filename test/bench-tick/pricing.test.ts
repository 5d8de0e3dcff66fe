// The bench's pricing arithmetic on known counts: per month from a simulated period, per 1,000 targets.
import { describe, expect, it } from "vitest";
import { plannedTarget, targetConfig } from "../../packages/functions/bench/tick/fleet/fleet-plan.ts";
import { aasBaseline } from "../../packages/functions/bench/tick/pricing/aas-baseline.ts";
import {
  customMetricsMonthly,
  monthlyUsdPer1000Targets,
  type PeriodUsage,
} from "../../packages/functions/bench/tick/pricing/monthly-cost.ts";

const none: PeriodUsage = {
  hours: 1,
  targets: 2_000,
  getMetricDataMetrics: 0,
  sqsRequests: 0,
  readUnits: 0,
  writeUnits: 0,
  lambdaInvocations: 0,
  lambdaGbSeconds: 0,
  putEventsEntries: 0,
  schedulerInvocations: 0,
  alarms: 0,
  customMetrics: 0,
  logBytes: 0,
};

describe("monthly cost per 1,000 targets", () => {
  it("prices an hour's calls for 730 hours, halved for 2,000 targets", () => {
    const cost = monthlyUsdPer1000Targets({
      ...none,
      getMetricDataMetrics: 100_000, // $1.00 an hour
      sqsRequests: 1_000_000, // $0.40
      readUnits: 2_000_000, // $0.25
      writeUnits: 1_000_000, // $0.625
      lambdaGbSeconds: 75_000, // $1.000005
      lambdaInvocations: 1_000_000, // $0.20
      putEventsEntries: 500_000, // $0.50
      schedulerInvocations: 500_000, // $0.50
    });
    expect(cost).toEqual({
      cloudwatch: 365,
      sqs: 146,
      dynamodb: 319.38, // (0.25 + 0.625) × 730 ÷ 2
      lambda: 438, // 1.200005 × 730 ÷ 2
      eventbridge: 365,
      total: 1633.38,
    });
  });

  it("bills alarms and custom metrics per month they stand, logs per GB ingested", () => {
    const cost = monthlyUsdPer1000Targets({
      ...none,
      hours: 0.5,
      alarms: 1_000,
      customMetrics: 12_000,
      logBytes: 1e9,
    });
    // 1,000 × $0.10 + (10,000 × $0.30 + 2,000 × $0.10) + 1 GB × $0.50 × 1,460 half-hours, ÷ 2
    expect(cost.cloudwatch).toBe((100 + 3_200 + 730) / 2);
    expect(cost.total).toBe(cost.cloudwatch);
  });

  it("prices custom metrics in CloudWatch's tiers", () => {
    expect(customMetricsMonthly(10_000)).toBeCloseTo(3_000);
    expect(customMetricsMonthly(260_000)).toBeCloseTo(3_000 + 24_000 + 500);
  });

  it("counts Application Auto Scaling's alarms: two per target tracking policy", () => {
    const spec = { targets: 4, seed: 0, startMs: 0, minutes: 1 };
    const configs = [0, 1, 2, 3].map((i) => targetConfig(plannedTarget(spec, i)));
    // Two workers (one policy, 2 alarms) and two web services (two policies, 4 alarms): 12 alarms at $0.10.
    expect(aasBaseline(configs)).toEqual({
      baseline: "applicationAutoScaling",
      alarms: 12,
      monthlyUsdPer1000Targets: { cloudwatch: 300, total: 300 },
    });
  });
});

import {
  type Datapoint,
  decide,
  type Observation,
  type PolicyInput,
  type ScalingState,
  type TargetConfigInput,
} from "@gantry/core";
import { configOf } from "@gantry/testing/sim-fixture";
import { describe, expect, it } from "vitest";
import { MAX_REST_MS, nextReadAt } from "./read-schedule.ts";

const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);
const MINUTE = 60_000;

const cpu: PolicyInput = {
  name: "cpu",
  type: "TargetTracking",
  targetValue: 50,
  metric: { predefined: "ECSServiceAverageCPUUtilization" },
};

/** One datapoint a minute, newest first in `values`, the newest two minutes old (CloudWatch's usual lag). */
function series(...values: number[]): Datapoint[] {
  return values.map((value, i) => ({ timestamp: NOW - (i + 2) * MINUTE, value })).reverse();
}

function readAt(
  config: TargetConfigInput,
  metrics: Record<string, Datapoint[]>,
  desiredCount = 4,
  state?: ScalingState,
) {
  const parsed = configOf(config);
  const observation: Observation = {
    runningCount: desiredCount,
    desiredCount,
    pendingCount: 0,
    deploymentInProgress: false,
    metrics,
    queues: {},
  };
  const decision = decide({ now: NOW, ...parsed, observation, state });
  return nextReadAt({ config: parsed, observation, decision, now: NOW });
}

const web = (policies: PolicyInput[] = [cpu], extra: Partial<TargetConfigInput> = {}): TargetConfigInput => ({
  target: { id: "service/prod/web", minCapacity: 1, maxCapacity: 20 },
  policies,
  ...extra,
});

describe("nextReadAt: a CloudWatch target at rest", () => {
  it("is not read again before a scale-in could hold: 15 datapoints from one within target", () => {
    expect(readAt(web(), { cpu: series(48, 47, 49) })).toBe(NOW + 15 * MINUTE);
  });

  it("counts the datapoints already below the scale-in threshold (0.9 × target)", () => {
    expect(readAt(web(), { cpu: series(40, 41, 42, 43, 44, 49) })).toBe(NOW + 10 * MINUTE);
  });

  it("rests the longest when scale-in is disabled, or when the target sits at its minimum", () => {
    const noScaleIn = { ...cpu, disableScaleIn: true };
    expect(readAt(web([noScaleIn]), { cpu: series(10, 10, 10) })).toBe(NOW + MAX_REST_MS);
    const low = Array.from({ length: 16 }, () => 5);
    expect(readAt(web(), { cpu: series(...low) }, 1)).toBe(NOW + MAX_REST_MS);
  });

  it("rests while a scale-out forms: its alarm goes to ALARM, and wakes it, when the third datapoint is above", () => {
    expect(readAt(web(), { cpu: series(60, 70, 48) })).toBe(NOW + 15 * MINUTE);
    expect(readAt(web(), { cpu: series(48, 48, 70) })).toBe(NOW + 15 * MINUTE);
  });

  it("is read every period while its alarm is in ALARM (no new event will come) or a datapoint is missing", () => {
    const state: ScalingState = {
      version: 1,
      evaluatedAt: NOW - 15_000,
      // Scaled out from 2 a minute ago: the newest datapoint was first read at 2 tasks.
      scaleOut: { at: NOW - MINUTE, base: 2 },
      datapointBase: { cpu: [NOW - 2 * MINUTE, 2] },
      live: {},
      stepApplied: {},
      recommendations: [],
      scaleEvents: [],
      eventIds: [],
    };
    expect(readAt(web(), { cpu: series(60, 60, 60) }, 4, state)).toBe(NOW + MINUTE);
    expect(readAt(web(), { cpu: series(48, 48, 70).slice(1) })).toBe(NOW + MINUTE);
    expect(readAt(web(), { cpu: [] })).toBe(NOW + MINUTE);
  });

  it("rests at its maximum while the alarm is in ALARM: only a fall of the datapoints can change anything", () => {
    expect(readAt(web(), { cpu: series(90, 90, 90) }, 20)).toBe(NOW + 15 * MINUTE);
  });

  it("waits out a scale-in cooldown exactly", () => {
    const state: ScalingState = {
      version: 1,
      evaluatedAt: NOW - 15_000,
      lastScaleInAt: NOW - MINUTE,
      datapointBase: {},
      live: {},
      stepApplied: {},
      recommendations: [],
      scaleEvents: [],
      eventIds: [],
    };
    const low = Array.from({ length: 16 }, () => 20);
    expect(readAt(web(), { cpu: series(...low) }, 4, state)).toBe(NOW + 4 * MINUTE);
  });

  it("is read every period while a time-bound hold lasts (here AutoScalingAnticipatedFlapping)", () => {
    const low = Array.from({ length: 15 }, () => 40);
    // ceil(2 × 40 / 50) = 2: removing a task would push the metric above target.
    expect(readAt(web(), { cpu: series(...low) }, 2)).toBe(NOW + MINUTE);
  });

  it("wakes for its next scheduled action", () => {
    const scheduled = web([cpu], {
      scheduledActions: [{ name: "evening", schedule: "cron(5 12 * * ? *)", minCapacity: 2 }],
    });
    expect(readAt(scheduled, { cpu: series(48, 48, 48) })).toBe(NOW + 5 * MINUTE);
  });

  it("rests a step policy whose alarm is OK, and reads one that breaches every period", () => {
    const step: PolicyInput = {
      name: "cpu-step",
      type: "StepScaling",
      metric: { predefined: "ECSServiceAverageCPUUtilization" },
      alarm: { threshold: 80, comparisonOperator: "GreaterThanOrEqualToThreshold" },
      adjustmentType: "ChangeInCapacity",
      stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 1 }],
    };
    expect(readAt(web([step]), { "cpu-step": series(50) })).toBe(NOW + MAX_REST_MS);
    expect(readAt(web([step, cpu]), { "cpu-step": series(50), cpu: series(48, 48, 48) })).toBe(
      NOW + 15 * MINUTE,
    );
    const cooling = { ...step, cooldown: 0 };
    expect(readAt(web([cooling]), { "cpu-step": series(85) })).toBeUndefined();
  });
});

describe("nextReadAt: targets read every pass", () => {
  it("live SQS policies, metric math (no alarm can wake it) and HPA rate behavior", () => {
    const sqs: PolicyInput = {
      name: "backlog",
      type: "TargetTracking",
      targetValue: 10,
      metric: { sqs: { queueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/q" } },
    };
    expect(readAt(web([cpu, sqs]), { cpu: series(48, 48, 48) })).toBeUndefined();
    const math: PolicyInput = {
      ...cpu,
      name: "math",
      metric: {
        math: {
          expression: "m1 * 2",
          metrics: [
            {
              id: "m1",
              cloudwatch: { namespace: "App", metricName: "Load", statistic: "Average" },
            },
          ],
        },
      },
    };
    expect(readAt(web([math]), { math: series(20, 20, 20) })).toBeUndefined();
    const hpa = web([cpu], { behavior: { scaleDown: { stabilizationWindowSeconds: 300 } } });
    expect(readAt(hpa, { cpu: series(48, 48, 48) })).toBeUndefined();
  });

  it("a decision that acts", () => {
    expect(readAt(web(), { cpu: series(90, 90, 90) })).toBeUndefined();
  });

  it("predictive pre-scaling: a forecast raises capacity before any alarm could", () => {
    const startup = { taskStartSeconds: 60, predictive: { processingSeconds: 1 } };
    expect(readAt(web(), { cpu: series(48, 47, 49) })).toBe(NOW + 15 * MINUTE);
    expect(readAt(web([cpu], { behavior: { startup } }), { cpu: series(48, 47, 49) })).toBeUndefined();
  });
});

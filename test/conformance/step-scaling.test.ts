import { evaluate } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { codes, MINUTE, QUEUE, request, runSequence, series, T0 } from "../support/requests.ts";

const metric = {
  cloudwatch: {
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    statistic: "Average",
  },
};

// DESIGN §3 worked example: threshold 50; out steps [0,10) 0, [10,20) +10 %, [20,∞) +30 %;
// in steps (−10,0] 0, (−20,−10] −10 %, (−∞,−20] −30 %.
const scaleOut = {
  name: "out",
  type: "StepScaling" as const,
  metric,
  alarm: { threshold: 50, comparisonOperator: "GreaterThanOrEqualToThreshold" as const },
  adjustmentType: "PercentChangeInCapacity" as const,
  stepAdjustments: [
    { metricIntervalLowerBound: 0, metricIntervalUpperBound: 10, scalingAdjustment: 0 },
    { metricIntervalLowerBound: 10, metricIntervalUpperBound: 20, scalingAdjustment: 10 },
    { metricIntervalLowerBound: 20, scalingAdjustment: 30 },
  ],
};
const scaleIn = {
  ...scaleOut,
  name: "in",
  alarm: { threshold: 50, comparisonOperator: "LessThanOrEqualToThreshold" as const },
  stepAdjustments: [
    { metricIntervalLowerBound: -10, metricIntervalUpperBound: 0, scalingAdjustment: 0 },
    { metricIntervalLowerBound: -20, metricIntervalUpperBound: -10, scalingAdjustment: -10 },
    { metricIntervalUpperBound: -20, scalingAdjustment: -30 },
  ],
};

const at = (now: number, value: number) => ({
  now,
  observation: { metrics: { out: series([value], now), in: series([value], now) } },
});

describe("step scaling [AWS]", () => {
  it("follows the worked example: 10 → 11 → 14 → 13 → 10", () => {
    const base = request({
      policies: [scaleOut, scaleIn],
      observation: { runningCount: 10, desiredCount: 10 },
    });
    const minutes = (n: number) => T0 + n * MINUTE;
    const decisions = runSequence(base, [
      at(minutes(0), 60),
      at(minutes(6), 70),
      at(minutes(12), 40),
      at(minutes(18), 30),
    ]);
    expect(decisions.map((d) => d.desiredCapacity)).toEqual([11, 14, 13, 10]);
    expect(decisions.every((d) => codes(d).includes("StepScalingAdjustment"))).toBe(true);
  });

  it("uses inclusive lower bounds above the threshold and inclusive upper bounds below it", () => {
    const decide = (value: number) =>
      evaluate(
        request({
          policies: [scaleOut, scaleIn],
          observation: {
            runningCount: 10,
            desiredCount: 10,
            metrics: { out: series([value]), in: series([value]) },
          },
        }),
      );
    expect(decide(60).desiredCapacity).toBe(11); // 10 is in [10, 20), not [0, 10)
    expect(decide(59.9).desiredCapacity).toBe(10); // [0, 10) → 0
    expect(decide(40).desiredCapacity).toBe(9); // −10 is in (−20, −10]
    expect(decide(40.1).desiredCapacity).toBe(10); // (−10, 0] → 0
    expect(decide(30).desiredCapacity).toBe(7); // −20 is in (−∞, −20]: −30 % of 10
  });

  it.each([
    { capacity: 10, percent: 15, expected: 11, rule: "1.5 rounds down to 1" },
    { capacity: 10, percent: 29, expected: 12, rule: "2.9 rounds down to 2" },
    { capacity: 2, percent: 10, expected: 3, rule: "0.2 becomes 1" },
    { capacity: 2, percent: -10, expected: 1, rule: "−0.2 becomes −1" },
    { capacity: 10, percent: -15, expected: 9, rule: "−1.5 rounds up to −1" },
    { capacity: 10, percent: -29, expected: 8, rule: "−2.9 rounds up to −2" },
  ])("rounds percent adjustments as AWS does: $rule", ({ capacity, percent, expected }) => {
    const policy = {
      ...scaleOut,
      stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: percent }],
    };
    const decision = evaluate(
      request({
        policies: [policy],
        observation: { runningCount: capacity, desiredCount: capacity, metrics: { out: series([60]) } },
      }),
    );
    expect(decision.desiredCapacity).toBe(expected);
  });

  it("applies minAdjustmentMagnitude to percent steps: 25 % of 4 with minimum 2 → +2", () => {
    const policy = {
      ...scaleOut,
      minAdjustmentMagnitude: 2,
      stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 25 }],
    };
    const decision = evaluate(
      request({
        policies: [policy],
        observation: { runningCount: 4, desiredCount: 4, metrics: { out: series([60]) } },
      }),
    );
    expect(decision.desiredCapacity).toBe(6);
  });

  it("adds only the difference during a cooldown: +2 then +3 gives +1", () => {
    const policy = {
      ...scaleOut,
      adjustmentType: "ChangeInCapacity" as const,
      stepAdjustments: [
        { metricIntervalLowerBound: 0, metricIntervalUpperBound: 10, scalingAdjustment: 2 },
        { metricIntervalLowerBound: 10, scalingAdjustment: 3 },
      ],
    };
    const base = request({ policies: [policy], observation: { runningCount: 10, desiredCount: 10 } });
    const point = (now: number, value: number) => ({
      now,
      observation: { metrics: { out: series([value], now) } },
    });
    const [first, second, third] = runSequence(base, [
      point(T0, 55),
      point(T0 + MINUTE, 65),
      point(T0 + 2 * MINUTE, 65),
    ]);
    expect(first?.desiredCapacity).toBe(12);
    expect(second?.desiredCapacity).toBe(13);
    expect(third?.desiredCapacity).toBe(13);
    expect(codes(third)).toContain("ScaleOutCooldown");
  });

  it("alarms on M of N datapoints", () => {
    const policy = { ...scaleOut, alarm: { ...scaleOut.alarm, evaluationPeriods: 3, datapointsToAlarm: 2 } };
    const decide = (values: number[]) =>
      evaluate(
        request({
          policies: [policy],
          observation: { runningCount: 10, desiredCount: 10, metrics: { out: series(values) } },
        }),
      );
    expect(decide([70, 40, 40]).action).toBe("None");
    expect(decide([70, 40, 70]).desiredCapacity).toBe(13);
  });

  it("never applies the same alarm event twice, nor two steps for one datapoint", () => {
    const base = request({
      policies: [scaleOut],
      observation: { runningCount: 10, desiredCount: 10, metrics: { out: series([75]) } },
    });
    const first = evaluate({ ...base, trigger: { type: "alarm", eventId: "evt-1" } });
    expect(first.desiredCapacity).toBe(13);
    const replay = {
      ...base,
      state: first.state,
      observation: { ...base.observation, desiredCount: 13, runningCount: 13 },
    };
    const later = T0 + 6 * MINUTE;
    const fresh = { ...replay.observation, metrics: { out: series([75], later) } };
    const duplicate = evaluate({
      ...replay,
      now: later,
      observation: fresh,
      trigger: { type: "alarm", eventId: "evt-1" },
    });
    expect(duplicate.action).toBe("None");
    expect(codes(duplicate)).toContain("DuplicateEvent");
    const sameDatapoint = evaluate({
      ...replay,
      now: T0 + 1000,
      trigger: { type: "alarm", eventId: "evt-2" },
    });
    expect(sameDatapoint.action).toBe("None");
    expect(codes(sameDatapoint)).toContain("StepAlreadyApplied");
  });

  it("picks the open-ended step for an infinite reading: backlog per task with no task running", () => {
    const live = {
      ...scaleOut,
      name: "live",
      metric: { sqs: { queueUrl: QUEUE } },
      adjustmentType: "ChangeInCapacity" as const,
      stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 2 }],
    };
    const target = { id: "service/prod/worker", minCapacity: 0, maxCapacity: 10 };
    const decision = evaluate(
      request({
        target,
        policies: [live],
        observation: {
          runningCount: 0,
          desiredCount: 0,
          queues: { [QUEUE]: { visible: 5, inFlight: 0, delayed: 0 } },
        },
      }),
    );
    expect(decision.desiredCapacity).toBe(2);
  });

  it("sets an exact capacity", () => {
    const policy = {
      ...scaleOut,
      adjustmentType: "ExactCapacity" as const,
      stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 25 }],
    };
    const decision = evaluate(
      request({
        policies: [policy],
        observation: { runningCount: 10, desiredCount: 10, metrics: { out: series([51]) } },
      }),
    );
    expect(decision.desiredCapacity).toBe(25);
  });
});

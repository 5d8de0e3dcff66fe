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

  // Threshold 0, cooldown 300 s. A scale-out step in the cooldown counts the capacity added since it began
  // (the base): a larger step adds the difference; an equal or smaller one adds nothing and never removes any.
  const cooldownSteps = (
    adjustmentType: "ChangeInCapacity" | "PercentChangeInCapacity",
    sizes: number[],
  ) => ({
    ...scaleOut,
    alarm: { threshold: 0, comparisonOperator: "GreaterThanOrEqualToThreshold" as const },
    adjustmentType,
    cooldown: 300,
    stepAdjustments: [
      { metricIntervalLowerBound: 0, metricIntervalUpperBound: 50, scalingAdjustment: sizes[0] as number },
      { metricIntervalLowerBound: 50, metricIntervalUpperBound: 200, scalingAdjustment: sizes[1] as number },
      { metricIntervalLowerBound: 200, scalingAdjustment: sizes[2] as number },
    ],
  });
  const change = cooldownSteps("ChangeInCapacity", [2, 3, 6]);
  const percent = cooldownSteps("PercentChangeInCapacity", [10, 20, 50]);
  // minutes: when each pass runs; values: the metric it reads; capacities: desired after each pass.
  it.each([
    {
      case: "+6 then +3 in the cooldown adds nothing",
      policy: change,
      minutes: [0, 1],
      values: [250, 100],
      capacities: [16, 16],
      last: "ScaleOutCooldown",
    },
    {
      case: "+3 then +2 in the cooldown adds nothing",
      policy: change,
      minutes: [0, 1],
      values: [100, 10],
      capacities: [13, 13],
      last: "ScaleOutCooldown",
    },
    {
      case: "+3 then +3 in the cooldown adds nothing",
      policy: change,
      minutes: [0, 1],
      values: [100, 100],
      capacities: [13, 13],
      last: "ScaleOutCooldown",
    },
    {
      case: "+2, +3, +6 in the cooldown add the differences",
      policy: change,
      minutes: [0, 1, 2],
      values: [10, 100, 250],
      capacities: [12, 13, 16],
      last: "StepScalingAdjustment",
    },
    {
      case: "+6, then +3 after the cooldown counts from current",
      policy: change,
      minutes: [0, 1, 6],
      values: [250, 100, 100],
      capacities: [16, 16, 19],
      last: "StepScalingAdjustment",
    },
    {
      case: "+50 % then +20 % and +10 % in the cooldown add nothing",
      policy: percent,
      minutes: [0, 1, 2],
      values: [250, 100, 10],
      capacities: [15, 15, 15],
      last: "ScaleOutCooldown",
    },
    {
      case: "+20 % then +50 % in the cooldown: 50 % of 10 less the 2 added",
      policy: percent,
      minutes: [0, 1],
      values: [100, 250],
      capacities: [12, 15],
      last: "StepScalingAdjustment",
    },
    {
      case: "+20 % then +50 % after the cooldown: 50 % of 12",
      policy: percent,
      minutes: [0, 6],
      values: [100, 250],
      capacities: [12, 18],
      last: "StepScalingAdjustment",
    },
  ])(
    "counts capacity added in the cooldown [AWS]: $case",
    ({ policy, minutes, values, capacities, last }) => {
      const base = request({ policies: [policy], observation: { runningCount: 10, desiredCount: 10 } });
      const decisions = runSequence(
        base,
        minutes.map((minute, i) => {
          const now = T0 + minute * MINUTE;
          return { now, observation: { metrics: { out: series([values[i] as number], now) } } };
        }),
      );
      expect(decisions.map((d) => d.desiredCapacity)).toEqual(capacities);
      expect(decisions.map((d) => d.action)).not.toContain("ScaleIn");
      expect(codes(decisions.at(-1))).toContain(last);
    },
  );

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

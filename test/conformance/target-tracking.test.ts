import { evaluate } from "@gantry/core";
import { describe, expect, it } from "vitest";
import {
  backlogPolicy,
  codes,
  cpuPolicy,
  fifteen,
  MINUTE,
  QUEUE,
  request,
  runSequence,
  series,
  T0,
} from "../support/requests.ts";

describe("target tracking [AWS]", () => {
  it("scales out proportionally: 10 tasks, backlog per task 150, target 100 → 15", () => {
    const policy = cpuPolicy({
      name: "backlog",
      targetValue: 100,
      metric: { cloudwatch: { namespace: "Gantry", metricName: "BacklogPerTask", statistic: "Average" } },
    });
    const decision = evaluate(
      request({
        policies: [policy],
        observation: { runningCount: 10, desiredCount: 10, metrics: { backlog: series([150, 150, 150]) } },
      }),
    );
    expect(decision).toMatchObject({ desiredCapacity: 15, action: "ScaleOut" });
    expect(codes(decision)).toEqual(["TargetTrackingScaleOut"]);
    expect(decision.reasons[0]?.message).toContain("ceil(10 × 150 / 100) = 15");
  });

  it("starts from the running count, not desiredCount", () => {
    const decision = evaluate(
      request({
        policies: [cpuPolicy()],
        observation: { runningCount: 8, desiredCount: 10, metrics: { cpu: series([75, 75, 75]) } },
      }),
    );
    expect(decision.desiredCapacity).toBe(12); // ceil(8 × 75 / 50)
  });

  it.each([
    { values: [75, 75], expected: 10, why: "two datapoints only" },
    { values: [40, 75, 75], expected: 10, why: "the oldest of three is below target" },
    { values: [75, 75, 75], expected: 15, why: "3 of 3 breach" },
    { values: [50, 50, 50], expected: 10, why: "at target is not above it" },
  ])("needs 3 of 3 datapoints above target to scale out ($why)", ({ values, expected }) => {
    const decision = evaluate(
      request({
        policies: [cpuPolicy()],
        observation: { runningCount: 10, desiredCount: 10, metrics: { cpu: series(values) } },
      }),
    );
    expect(decision.desiredCapacity).toBe(expected);
  });

  it("scales in after 15 of 15 datapoints below 0.9 × target, to the proportional capacity", () => {
    const obs = (values: number[]) => ({
      runningCount: 10,
      desiredCount: 10,
      metrics: { cpu: series(values) },
    });
    expect(
      evaluate(request({ policies: [cpuPolicy()], observation: obs(fifteen(40)) })).desiredCapacity,
    ).toBe(8);
    expect(
      evaluate(request({ policies: [cpuPolicy()], observation: obs(fifteen(40).slice(1)) })).desiredCapacity,
    ).toBe(10);
    const oneAbove = [...fifteen(40).slice(1), 46];
    expect(evaluate(request({ policies: [cpuPolicy()], observation: obs(oneAbove) })).desiredCapacity).toBe(
      10,
    );
  });

  it("honours a custom scale-in threshold ratio and datapoint counts", () => {
    const policy = cpuPolicy({
      evaluation: { scaleInDatapoints: 5, scaleInThresholdRatio: 0.5, scaleOutDatapoints: 1 },
    });
    const obs = (values: number[]) => ({
      runningCount: 10,
      desiredCount: 10,
      metrics: { cpu: series(values) },
    });
    expect(
      evaluate(request({ policies: [policy], observation: obs([30, 30, 30, 30, 30]) })).desiredCapacity,
    ).toBe(10);
    expect(
      evaluate(request({ policies: [policy], observation: obs([20, 20, 20, 20, 20]) })).desiredCapacity,
    ).toBe(4);
    expect(evaluate(request({ policies: [policy], observation: obs([60]) })).desiredCapacity).toBe(12);
  });

  it("reports AutoScalingAnticipatedFlapping when removing a task would push the metric above target", () => {
    const decision = evaluate(
      request({
        policies: [cpuPolicy()],
        observation: { runningCount: 2, desiredCount: 2, metrics: { cpu: series(fifteen(44)) } },
      }),
    );
    expect(decision).toMatchObject({ desiredCapacity: 2, action: "None" });
    expect(codes(decision)).toContain("AutoScalingAnticipatedFlapping");
  });

  type Metrics = Record<string, ReturnType<typeof series>>;
  it.each<{ name: string; metrics: Metrics }>([
    { name: "no datapoints", metrics: {} },
    { name: "a gap among the 15", metrics: { cpu: series(fifteen(10)).filter((_, i) => i !== 7) } },
    { name: "stale datapoints (CloudWatch late)", metrics: { cpu: series(fifteen(10), T0, 10 * MINUTE) } },
  ])("never scales in on missing data: $name", ({ metrics }) => {
    const decision = evaluate(
      request({ policies: [cpuPolicy()], observation: { runningCount: 10, desiredCount: 10, metrics } }),
    );
    expect(decision.action).toBe("None");
  });

  it("does not scale at all on insufficient data", () => {
    const decision = evaluate(
      request({
        policies: [cpuPolicy()],
        observation: { runningCount: 10, desiredCount: 10, metrics: { cpu: series([90], T0, 20 * MINUTE) } },
      }),
    );
    expect(decision.action).toBe("None");
    expect(codes(decision)).toContain("InsufficientData");
  });

  it("ignores datapoints stamped after now", () => {
    const future = [{ timestamp: T0 + MINUTE, value: 99 }];
    const decision = evaluate(
      request({
        policies: [cpuPolicy()],
        observation: { runningCount: 10, desiredCount: 10, metrics: { cpu: future } },
      }),
    );
    expect(codes(decision)).toContain("InsufficientData");
  });

  it("does not scale in a policy with disableScaleIn, and that policy has no vote", () => {
    const decision = evaluate(
      request({
        policies: [cpuPolicy({ disableScaleIn: true })],
        observation: { runningCount: 10, desiredCount: 10, metrics: { cpu: series(fifteen(10)) } },
      }),
    );
    expect(decision.action).toBe("None");
    expect(codes(decision)).toContain("ScaleInDisabled");
  });
});

describe("cooldowns [AWS, containers-roadmap #2135]", () => {
  it("blocks a second scale-in until scaleInCooldown has passed", () => {
    const base = request({
      policies: [cpuPolicy({ evaluation: { scaleInDatapoints: 1 } })],
      observation: { runningCount: 10, desiredCount: 10 },
    });
    const [first, early, later] = runSequence(base, [
      { now: T0, observation: { metrics: { cpu: series([20]) } } },
      { now: T0 + 200_000, observation: { metrics: { cpu: series([20], T0 + 200_000) } } },
      { now: T0 + 301_000, observation: { metrics: { cpu: series([20], T0 + 301_000) } } },
    ]);
    expect(first?.desiredCapacity).toBe(4);
    expect(early?.action).toBe("None");
    expect(codes(early)).toContain("ScaleInCooldown");
    expect(later?.desiredCapacity).toBe(2);
  });

  it("lets a scale-out run during a scale-in cooldown without resetting the scale-in clock", () => {
    const policy = cpuPolicy({ evaluation: { scaleInDatapoints: 1, scaleOutDatapoints: 1 } });
    const base = request({ policies: [policy], observation: { runningCount: 10, desiredCount: 10 } });
    const at = (t: number, v: number) => ({ now: t, observation: { metrics: { cpu: series([v], t) } } });
    const [scaleIn, scaleOut, scaleInAgain] = runSequence(base, [
      at(T0, 20),
      at(T0 + 100_000, 100),
      at(T0 + 300_000, 10),
    ]);
    expect(scaleIn?.action).toBe("ScaleIn");
    expect(scaleOut?.action).toBe("ScaleOut");
    expect(scaleInAgain?.action).toBe("ScaleIn");
  });

  it("counts capacity added during the scale-out cooldown; a larger scale-out still runs", () => {
    const base = request({
      policies: [cpuPolicy()],
      observation: { runningCount: 10, desiredCount: 10, metrics: { cpu: series([100, 100, 100]) } },
    });
    const first = evaluate(base);
    expect(first.desiredCapacity).toBe(20);
    const pending = evaluate({
      ...base,
      now: T0 + MINUTE,
      state: first.state,
      observation: {
        runningCount: 10,
        desiredCount: 20,
        metrics: { cpu: series([100, 100, 100], T0 + MINUTE) },
      },
    });
    expect(pending.action).toBe("None");
    expect(codes(pending)).toContain("ScaleOutCooldown");
    const larger = evaluate({
      ...base,
      now: T0 + 2 * MINUTE,
      state: pending.state,
      observation: {
        runningCount: 20,
        desiredCount: 20,
        metrics: { cpu: series([100, 100, 100], T0 + 2 * MINUTE) },
      },
    });
    expect(larger.desiredCapacity).toBe(40);
  });
});

describe("sqs backlog per task (read live)", () => {
  const queue = (visible: number, inFlight = 0) => ({
    queues: { [QUEUE]: { visible, inFlight, delayed: 0 } },
  });

  it("tracks backlog per running task, counting in-flight messages by default", () => {
    const policy = backlogPolicy({ evaluation: { scaleOutDatapoints: 1 } });
    const decision = evaluate(
      request({ policies: [policy], observation: { runningCount: 10, desiredCount: 10, ...queue(140, 10) } }),
    );
    expect(decision.desiredCapacity).toBe(15);
  });

  it("needs the breach to last scaleOutDatapoints periods between samples", () => {
    const base = request({
      policies: [backlogPolicy()],
      observation: { runningCount: 10, desiredCount: 10, ...queue(300) },
    });
    const decisions = runSequence(base, [
      { now: T0, observation: { runningCount: 10, desiredCount: 10 } },
      { now: T0 + MINUTE, observation: { runningCount: 10, desiredCount: 10 } },
      { now: T0 + 2 * MINUTE, observation: { runningCount: 10, desiredCount: 10 } },
    ]);
    expect(decisions.map((d) => d.desiredCapacity)).toEqual([10, 10, 30]);
  });

  it("wakes from zero on the first visible message, sized for the backlog", () => {
    const target = { id: "service/prod/worker", minCapacity: 0, maxCapacity: 50 };
    const decision = evaluate(
      request({
        target,
        policies: [backlogPolicy()],
        observation: { runningCount: 0, desiredCount: 0, ...queue(35) },
      }),
    );
    expect(decision).toMatchObject({ desiredCapacity: 4, action: "ScaleOut" });
    expect(codes(decision)).toEqual(["WakeFromZero"]);
  });

  it("treats an unobserved queue as missing data", () => {
    const decision = evaluate(
      request({ policies: [backlogPolicy()], observation: { runningCount: 10, desiredCount: 10 } }),
    );
    expect(decision.action).toBe("None");
    expect(codes(decision)).toEqual(["InsufficientData"]);
  });
});

describe("a late CloudWatch datapoint read on every sub-tick", () => {
  it("does not compound: the running count it is multiplied by is the one when it was first read", () => {
    const base = request({
      policies: [cpuPolicy()],
      observation: { runningCount: 10, desiredCount: 10, metrics: { cpu: series([75, 75, 75]) } },
    });
    const first = evaluate(base);
    expect(first.desiredCapacity).toBe(15);
    // 15 s later the five new tasks run, but CloudWatch has nothing newer than the same 75 %.
    const again = evaluate({
      ...base,
      now: T0 + 15_000,
      state: first.state,
      observation: { runningCount: 15, desiredCount: 15, metrics: { cpu: series([75, 75, 75]) } },
    });
    expect(again.desiredCapacity).toBe(15);
    // A newer datapoint that still breaches counts from the running count it describes.
    const later = T0 + 60_000;
    const next = evaluate({
      ...base,
      now: later,
      state: again.state,
      observation: { runningCount: 15, desiredCount: 15, metrics: { cpu: series([75, 75, 75], later) } },
    });
    expect(next.desiredCapacity).toBe(23);
  });
});

import { describe, expect, it } from "vitest";
import { CDK_QUEUE_PROCESSING_ALARMS, createAwsStep, queueAlarmsAt, stepChange } from "./aws-step.ts";
import { FakeWorld, MINUTE_MS } from "./fake-world.ts";

const bounds = { minCapacity: 1, maxCapacity: 50 };

function runVisible(visible: (minute: number) => number | undefined, desiredCount: number, minutes = 20) {
  const world = new FakeWorld({ desiredCount, metrics: { ApproximateNumberOfMessagesVisible: visible } });
  return { world, decisions: world.run(createAwsStep({ bounds }), minutes * MINUTE_MS) };
}

describe("aws-step steps (CDK QueueProcessingFargateService defaults)", () => {
  it.each([
    [99, 0],
    [100, 1],
    [499, 1],
    [500, 5],
    [10_000, 5],
  ])("upper alarm: %d visible → %d", (visible, change) => {
    const { upper } = CDK_QUEUE_PROCESSING_ALARMS;
    expect(visible >= upper.threshold ? stepChange(upper, visible) : 0).toBe(change);
  });

  it("moves the thresholds with queueAlarmsAt, keeping the CDK's 1 : 5 ratio", () => {
    expect(queueAlarmsAt(100)).toEqual(CDK_QUEUE_PROCESSING_ALARMS);
    const { upper } = queueAlarmsAt(10);
    expect([stepChange(upper, 10), stepChange(upper, 49), stepChange(upper, 50)]).toEqual([1, 1, 5]);
    const world = new FakeWorld({
      desiredCount: 2,
      metrics: { ApproximateNumberOfMessagesVisible: () => 20 },
    });
    const decisions = world.run(createAwsStep({ bounds, queueAlarms: queueAlarmsAt(10) }), 3 * MINUTE_MS);
    expect(decisions).toEqual([{ at: world.publishedAt(0), desired: 3 }]);
  });

  it("lower alarm: 0 visible → −1", () => {
    expect(stepChange(CDK_QUEUE_PROCESSING_ALARMS.lower, 0)).toBe(-1);
  });

  it("adds 1 at ≥ 100 visible once the datapoint is published, then once per 300 s cooldown", () => {
    const { world, decisions } = runVisible(() => 100, 2, 12);
    const first = world.publishedAt(0);
    expect(decisions).toEqual([
      { at: first, desired: 3 },
      { at: first + 300_000, desired: 4 },
    ]);
  });

  it("adds 5 at ≥ 500 visible", () => {
    const { world, decisions } = runVisible(() => 500, 2, 4);
    expect(decisions).toEqual([{ at: world.publishedAt(0), desired: 7 }]);
  });

  it("counts capacity added in the cooldown: +1 then +5 adds only 4 more", () => {
    const { world, decisions } = runVisible((m) => (m < 2 ? 100 : 600), 2, 6);
    expect(decisions).toEqual([
      { at: world.publishedAt(0), desired: 3 },
      { at: world.publishedAt(2), desired: 7 },
    ]);
  });

  it("does nothing between 0 and 100 visible", () => {
    expect(runVisible(() => 50, 5).decisions).toEqual([]);
  });

  it("removes 1 once the 5-minute Maximum is 0, then once per 300 s cooldown", () => {
    // Minutes 0–4 hold 10 messages: the sliding 5-minute window must be all zeros before the alarm fires.
    const { decisions } = runVisible((m) => (m < 5 ? 10 : 0), 5, 16);
    expect(decisions).toEqual([
      { at: 10 * MINUTE_MS, desired: 4 },
      { at: 15 * MINUTE_MS, desired: 3 },
    ]);
  });

  it("scales out at once during a scale-in cooldown", () => {
    const { world, decisions } = runVisible((m) => (m < 4 ? 0 : 1000), 5, 9);
    expect(decisions).toEqual([
      { at: world.publishedAt(0), desired: 4 },
      { at: world.publishedAt(4), desired: 9 }, // 240 s into the scale-in cooldown
    ]);
  });

  it("acts on nothing without a published datapoint in the window", () => {
    expect(runVisible(() => undefined, 5).decisions).toEqual([]);
  });

  it("stays within bounds", () => {
    expect(runVisible(() => 1000, 48, 4).decisions).toEqual([{ at: 3 * MINUTE_MS, desired: 50 }]);
    expect(runVisible(() => 0, 1).decisions).toEqual([]);
  });

  it("does not scale in during an ECS deployment", () => {
    const world = new FakeWorld({
      desiredCount: 5,
      deploymentInProgress: true,
      metrics: { ApproximateNumberOfMessagesVisible: () => 0 },
    });
    expect(world.run(createAwsStep({ bounds }), 20 * MINUTE_MS)).toEqual([]);
  });
});

describe("aws-step's CPU 50 % target tracking (the CDK's CpuScaling policy)", () => {
  const world = (visible: number, cpu: number) =>
    new FakeWorld({
      desiredCount: 4,
      metrics: { ApproximateNumberOfMessagesVisible: () => visible, CPUUtilization: () => cpu },
    });

  it("doubles a fleet at 100 % CPU once 3 datapoints breach, though the queue is below the step threshold", () => {
    const w = world(50, 100);
    expect(w.run(createAwsStep({ bounds }), 5 * MINUTE_MS)).toEqual([{ at: w.publishedAt(2), desired: 8 }]);
  });

  it("takes the larger capacity when the steps and the CPU policy act in the same minute", () => {
    const w = world(100, 100);
    const decisions = w.run(createAwsStep({ bounds }), 5 * MINUTE_MS);
    // Steps: +1 at the first datapoint (5); at the third, CPU asks 2 × 5 = 10 and the steps nothing more.
    expect(decisions).toEqual([
      { at: w.publishedAt(0), desired: 5 },
      { at: w.publishedAt(2), desired: 10 },
    ]);
  });

  it("scales in on 15 datapoints below 45 %, to ceil(running × CPU ÷ 50)", () => {
    const w = world(50, 20);
    expect(w.run(createAwsStep({ bounds }), 17 * MINUTE_MS)).toEqual([{ at: w.publishedAt(14), desired: 2 }]);
  });

  it("holds the steps' scale-in while the CPU policy is not ready to scale in", () => {
    const busy = world(0, 50);
    expect(busy.run(createAwsStep({ bounds }), 20 * MINUTE_MS)).toEqual([]);
    const idle = world(0, 0);
    // Idle: the steps would remove 1 from minute 5, but wait for the low alarm's 15 datapoints; then both
    // scale in (CPU to the minimum) and the larger capacity wins.
    expect(idle.run(createAwsStep({ bounds }), 20 * MINUTE_MS)).toEqual([
      { at: idle.publishedAt(14), desired: 3 },
    ]);
  });

  it("leaves the CPU policy out with cpuTargetPercent null", () => {
    expect(world(50, 100).run(createAwsStep({ bounds, cpuTargetPercent: null }), 10 * MINUTE_MS)).toEqual([]);
  });
});

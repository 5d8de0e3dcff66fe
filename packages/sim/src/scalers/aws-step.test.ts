import { describe, expect, it } from "vitest";
import { CDK_QUEUE_PROCESSING_ALARMS, createAwsStep, stepChange } from "./aws-step.ts";
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

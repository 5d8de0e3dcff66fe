import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAwsTargetTracking } from "./aws-target-tracking.ts";
import { FakeWorld, type MetricSeries, MINUTE_MS } from "./fake-world.ts";

const bounds = { minCapacity: 1, maxCapacity: 100 };

/** First step time at or after `at`, for steps every minute from `phase`. */
function firstStepFrom(at: number, phase: number): number {
  return phase + Math.ceil((at - phase) / MINUTE_MS) * MINUTE_MS;
}

describe("aws-target-tracking scale-out", () => {
  it("waits until the third breaching datapoint is published, whatever the delay and step phase", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 480 }),
        fc.integer({ min: 0, max: 59 }),
        (breachFrom, delaySeconds, phaseSeconds) => {
          const phase = phaseSeconds * 1000;
          const world = new FakeWorld({
            desiredCount: 2,
            startMs: phase,
            publishDelayMs: delaySeconds * 1000,
            // 9.5 per task before (inside [0.9 × 10, 10]: neither alarm), 50 per task after.
            metrics: { ApproximateNumberOfMessagesVisible: (m) => (m < breachFrom ? 19 : 100) },
          });
          const scaler = createAwsTargetTracking({ targetBacklogPerTask: 10, bounds });
          const decisions = world.run(scaler, phase + 60 * MINUTE_MS);
          const third = world.publishedAt(breachFrom + 2);
          expect(decisions[0]).toEqual({ at: firstStepFrom(third, phase), desired: 10 });
        },
      ),
    );
  });

  it("sizes from the running count, not desired: 10 running × 150 / 100 → 15", () => {
    const world = new FakeWorld({
      desiredCount: 12,
      runningCount: 10,
      metrics: { ApproximateNumberOfMessagesVisible: () => 1500 },
    });
    const scaler = createAwsTargetTracking({ targetBacklogPerTask: 100, bounds });
    expect(world.run(scaler, world.publishedAt(2))).toEqual([{ at: world.publishedAt(2), desired: 15 }]);
  });

  it("does not re-trigger on the same stale datapoints: capacity already added counts", () => {
    const world = new FakeWorld({
      desiredCount: 2,
      startDelayMs: 3_600_000, // the new tasks never start in this run
      metrics: { ApproximateNumberOfMessagesVisible: () => 100 },
    });
    const scaler = createAwsTargetTracking({ targetBacklogPerTask: 10, bounds });
    expect(world.run(scaler, 30 * MINUTE_MS)).toEqual([{ at: world.publishedAt(2), desired: 10 }]);
  });

  it("lets a larger scale-out through inside the 300 s cooldown", () => {
    const world = new FakeWorld({
      desiredCount: 2,
      startDelayMs: 3_600_000,
      metrics: { ApproximateNumberOfMessagesVisible: (m) => (m < 3 ? 100 : 200) },
    });
    const scaler = createAwsTargetTracking({ targetBacklogPerTask: 10, bounds });
    expect(world.run(scaler, 30 * MINUTE_MS)).toEqual([
      { at: world.publishedAt(2), desired: 10 },
      { at: world.publishedAt(3), desired: 20 },
    ]);
  });

  it("keeps acting each minute while in ALARM: a grown running count times a stale metric adds more", () => {
    const world = new FakeWorld({
      desiredCount: 2,
      startDelayMs: MINUTE_MS,
      metrics: { ApproximateNumberOfMessagesVisible: () => 100 },
    });
    const scaler = createAwsTargetTracking({ targetBacklogPerTask: 10, bounds });
    const decisions = world.run(scaler, world.publishedAt(3));
    // 10 tasks start a minute later; the published metric still says 50 per task (from 2 tasks).
    expect(decisions).toEqual([
      { at: world.publishedAt(2), desired: 10 },
      { at: world.publishedAt(3), desired: 50 },
    ]);
  });

  it("cannot scale from zero: with no running task the metric math has no value", () => {
    const world = new FakeWorld({
      desiredCount: 0,
      metrics: { ApproximateNumberOfMessagesVisible: () => 1000 },
    });
    const scaler = createAwsTargetTracking({
      targetBacklogPerTask: 10,
      bounds: { minCapacity: 0, maxCapacity: 10 },
    });
    expect(world.run(scaler, 30 * MINUTE_MS)).toEqual([]);
  });

  it("does nothing once the newest datapoint is older than the alarm's range (INSUFFICIENT_DATA)", () => {
    const world = new FakeWorld({
      desiredCount: 2,
      publishDelayMs: 600_000,
      metrics: { ApproximateNumberOfMessagesVisible: () => 1000 },
    });
    const scaler = createAwsTargetTracking({ targetBacklogPerTask: 10, bounds });
    expect(world.run(scaler, 30 * MINUTE_MS)).toEqual([]);
  });
});

describe("aws-target-tracking scale-in", () => {
  it("waits for 15 low datapoints, published", () => {
    for (const lowFrom of [0, 7]) {
      const world = new FakeWorld({
        desiredCount: 10,
        metrics: { ApproximateNumberOfMessagesVisible: (m) => (m < lowFrom ? 95 : 0) },
      });
      const scaler = createAwsTargetTracking({ targetBacklogPerTask: 10, bounds });
      const decisions = world.run(scaler, 60 * MINUTE_MS);
      expect(decisions[0]).toEqual({ at: world.publishedAt(lowFrom + 14), desired: 1 });
    }
  });

  it("does not scale in with a datapoint missing among the 15", () => {
    const world = new FakeWorld({
      desiredCount: 10,
      metrics: { ApproximateNumberOfMessagesVisible: (m) => (m === 10 ? undefined : 0) },
    });
    const scaler = createAwsTargetTracking({ targetBacklogPerTask: 10, bounds });
    const decisions = world.run(scaler, 60 * MINUTE_MS);
    expect(decisions[0]).toEqual({ at: world.publishedAt(25), desired: 1 });
  });

  it("holds the 300 s scale-in cooldown", () => {
    // Always 3 messages per running task: the low alarm stays in ALARM after each scale-in.
    const world = new FakeWorld({
      desiredCount: 10,
      metrics: { ApproximateNumberOfMessagesVisible: perTask(3) },
    });
    const scaler = createAwsTargetTracking({ targetBacklogPerTask: 10, bounds });
    const first = world.publishedAt(14);
    expect(world.run(scaler, 40 * MINUTE_MS)).toEqual([
      { at: first, desired: 3 },
      { at: first + 300_000, desired: 1 },
    ]);
  });

  it("scales out at once during a scale-in cooldown", () => {
    const low = perTask(3);
    const world = new FakeWorld({
      desiredCount: 10,
      metrics: { ApproximateNumberOfMessagesVisible: (m, w) => (m < 16 ? low(m, w) : 200) },
    });
    const scaler = createAwsTargetTracking({ targetBacklogPerTask: 10, bounds });
    expect(world.run(scaler, world.publishedAt(18))).toEqual([
      { at: world.publishedAt(14), desired: 3 },
      // 200 visible / 3 running = 66.7 per task; ceil(3 × 66.7 / 10) = 20, 240 s into the cooldown.
      { at: world.publishedAt(18), desired: 20 },
    ]);
  });

  it("does not scale in during an ECS deployment", () => {
    const world = new FakeWorld({
      desiredCount: 10,
      deploymentInProgress: true,
      metrics: { ApproximateNumberOfMessagesVisible: () => 0 },
    });
    const scaler = createAwsTargetTracking({ targetBacklogPerTask: 10, bounds });
    expect(world.run(scaler, 40 * MINUTE_MS)).toEqual([]);
  });
});

/** Visible messages that keep `n` per task of the running count at the period start. */
function perTask(n: number): MetricSeries {
  return (minute, world) => n * world.runningAt(minute * MINUTE_MS);
}

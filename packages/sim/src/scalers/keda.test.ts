import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FakeWorld } from "./fake-world.ts";
import { createKeda } from "./keda.ts";

const SYNC_MS = 15_000;

describe("keda activation (0 ↔ 1)", () => {
  it("wakes 0 → 1 within one 30 s polling interval of the first message", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600_000 }), (firstMessageAt) => {
        const world = new FakeWorld({
          desiredCount: 0,
          queue: (now) => ({ visible: now >= firstMessageAt ? 1 : 0 }),
        });
        const scaler = createKeda({ bounds: { minCapacity: 0, maxCapacity: 10 } });
        const [first] = world.run(scaler, firstMessageAt + 60_000);
        expect(first?.desired).toBe(1);
        expect(first?.at).toBeGreaterThanOrEqual(firstMessageAt);
        expect(first?.at).toBeLessThan(firstMessageAt + 30_000);
        expect((first?.at ?? 1) % 30_000).toBe(0); // on a KEDA poll, not an HPA sync
      }),
    );
  });

  it("goes 1 → 0 only once lastActiveTime + 300 s has passed", () => {
    const world = new FakeWorld({
      desiredCount: 1,
      queue: (now) => ({ visible: now < 200_000 ? 1 : 0 }),
    });
    const scaler = createKeda({ bounds: { minCapacity: 0, maxCapacity: 10 } });
    // Last active poll at 180 s; 180 + 300 = 480 is not yet strictly past at 480, so the 510 s poll.
    expect(world.run(scaler, 900_000)).toEqual([{ at: 510_000, desired: 0 }]);
  });

  it("counts in-flight messages: never 1 → 0 while one is being processed", () => {
    const world = new FakeWorld({ desiredCount: 1, queue: () => ({ visible: 0, inFlight: 1 }) });
    const scaler = createKeda({ bounds: { minCapacity: 0, maxCapacity: 10 } });
    expect(world.run(scaler, 1_800_000)).toEqual([]);
  });

  it("respects activationQueueLength", () => {
    const world = new FakeWorld({ desiredCount: 0, queue: () => ({ visible: 3 }) });
    const scaler = createKeda({ bounds: { minCapacity: 0, maxCapacity: 10 }, activationQueueLength: 3 });
    expect(world.run(scaler, 600_000)).toEqual([]);
  });
});

describe("keda HPA scale-up", () => {
  it("adds at most max(4 pods, 100 %) per 15 s", () => {
    const world = new FakeWorld({ desiredCount: 1, queue: () => ({ visible: 1000 }) });
    const scaler = createKeda({ bounds: { minCapacity: 1, maxCapacity: 250 } });
    const counts = world.run(scaler, 10 * SYNC_MS).map((d) => d.desired);
    expect(counts).toEqual([5, 10, 20, 40, 80, 160, 200]); // ceil(1000 / 5) = 200
  });

  it("counts the changes made within the 15 s period", () => {
    const world = new FakeWorld({ desiredCount: 2, queue: () => ({ visible: 1000 }) });
    const scaler = createKeda({ bounds: { minCapacity: 1, maxCapacity: 250 }, syncPeriodSeconds: 5 });
    expect(world.run(scaler, 30_000)).toEqual([
      { at: 0, desired: 6 },
      { at: 15_000, desired: 12 },
      { at: 30_000, desired: 24 },
    ]);
  });

  it("stops at maxReplicaCount", () => {
    const world = new FakeWorld({ desiredCount: 8, queue: () => ({ visible: 1000 }) });
    const scaler = createKeda({ bounds: { minCapacity: 1, maxCapacity: 10 } });
    expect(world.run(scaler, 60_000)).toEqual([{ at: 0, desired: 10 }]);
  });
});

describe("keda HPA tolerance", () => {
  it.each([
    [54, undefined], // 54 / (5 × 10) = 1.08: inside 10 %
    [45, undefined], // 0.9: |1 − 0.9| is not above 0.1
    [56, 12], // 1.12: ceil(56 / 5)
    [44, 9], // 0.88: ceil(44 / 5); a fresh HPA has no recommendations to hold it
  ])("queue %d at 10 replicas → %s", (visible, expected) => {
    const world = new FakeWorld({ desiredCount: 10, queue: () => ({ visible }) });
    const scaler = createKeda({ bounds: { minCapacity: 1, maxCapacity: 50 } });
    expect(scaler.step(world.view())).toBe(expected);
  });

  it("compares against the tasks that exist (running + pending), as status.replicas", () => {
    const world = new FakeWorld({ desiredCount: 10, runningCount: 6, queue: () => ({ visible: 50 }) });
    const scaler = createKeda({ bounds: { minCapacity: 1, maxCapacity: 50 } });
    // 50 / (5 × 6) = 1.67 → ceil(50 / 5) = 10 = desired: no change.
    expect(scaler.step(world.view())).toBeUndefined();
  });
});

describe("keda HPA scale-down", () => {
  it("waits for the 300 s stabilization window to age out the higher recommendations", () => {
    const world = new FakeWorld({
      desiredCount: 10,
      queue: (now) => ({ visible: now < 600_000 ? 50 : 0 }),
    });
    const scaler = createKeda({ bounds: { minCapacity: 1, maxCapacity: 50 } });
    // The last recommendation of 10 is at 585 s; it leaves the window at 885 s.
    expect(world.run(scaler, 1_200_000)).toEqual([{ at: 885_000, desired: 1 }]);
  });

  it("holds the highest recommendation of the window, then steps down", () => {
    const world = new FakeWorld({
      desiredCount: 10,
      queue: (now) => ({ visible: now < 300_000 ? 50 : now < 450_000 ? 25 : 0 }),
    });
    const scaler = createKeda({ bounds: { minCapacity: 1, maxCapacity: 50 } });
    expect(world.run(scaler, 1_200_000)).toEqual([
      { at: 585_000, desired: 5 },
      { at: 735_000, desired: 1 },
    ]);
  });

  it("scales 10 → 0 directly after the cooldown when minReplicaCount is 0", () => {
    const world = new FakeWorld({
      desiredCount: 10,
      queue: (now) => ({ visible: now < 600_000 ? 50 : 0 }),
    });
    const scaler = createKeda({ bounds: { minCapacity: 0, maxCapacity: 50 } });
    expect(world.run(scaler, 1_200_000)).toEqual([
      { at: 885_000, desired: 1 },
      { at: 900_000, desired: 0 },
    ]);
  });
});

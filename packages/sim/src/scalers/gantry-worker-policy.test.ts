import { describe, expect, it } from "vitest";
import { holdsOfferedLoad, workerTargetPercent } from "./gantry-worker-policy.ts";

const level = { latencySeconds: 60, processingSeconds: 1, taskStartSeconds: 45, drainFraction: 0.5 };

describe("the worker policy's target", () => {
  it("leaves the standing queue the SLO less half a start (at most 40 % of the SLO) and one message", () => {
    expect(workerTargetPercent(level)).toBe(222); // 100 × (1 + (60 − 22.5 − 1) / 30)
    expect(workerTargetPercent({ ...level, latencySeconds: 120 })).toBe(261); // 100 × (1 + 96.5 / 60)
    expect(workerTargetPercent({ ...level, latencySeconds: 30 })).toBe(213); // 100 × (1 + (30 − 12 − 1) / 15)
  });

  it("keeps no standing queue when the reserve and one message take the whole SLO", () => {
    expect(workerTargetPercent({ ...level, processingSeconds: 25, latencySeconds: 30 })).toBe(100);
    expect(workerTargetPercent({ ...level, taskStartSeconds: 0, latencySeconds: 20 })).toBe(290);
  });

  it("is lower for slower starts and longer messages", () => {
    expect(workerTargetPercent({ ...level, taskStartSeconds: 90 })).toBeLessThan(workerTargetPercent(level));
    expect(workerTargetPercent({ ...level, processingSeconds: 20 })).toBeLessThan(workerTargetPercent(level));
  });
});

describe("the worker profile's offered-load floor", () => {
  it("is on where the SLO is within a start and a job outlasts the standing wait the SLO leaves", () => {
    const jobs = { ...level, processingSeconds: 28.7 }; // the Alibaba trace's average job
    expect(holdsOfferedLoad({ ...jobs, latencySeconds: 30 })).toBe(true); // standing wait 0 s
    expect(holdsOfferedLoad({ ...jobs, latencySeconds: 45 })).toBe(true); // 45 − 18 − 28.7 < 0
  });

  it("is off where a stopped task is back within the SLO", () => {
    const jobs = { ...level, processingSeconds: 28.7 };
    expect(holdsOfferedLoad({ ...jobs, latencySeconds: 60 })).toBe(false);
    expect(holdsOfferedLoad({ ...jobs, latencySeconds: 30, taskStartSeconds: 20 })).toBe(false);
  });

  it("is off for short messages, whose standing queue absorbs a burst", () => {
    expect(holdsOfferedLoad({ ...level, latencySeconds: 30 })).toBe(false); // 30 − 12 − 1 = 17 s
    expect(holdsOfferedLoad({ ...level, latencySeconds: 10 })).toBe(false); // 10 − 4 − 1 = 5 s
  });
});

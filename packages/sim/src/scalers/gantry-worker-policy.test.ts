import { describe, expect, it } from "vitest";
import { workerTargetPercent } from "./gantry-worker-policy.ts";

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

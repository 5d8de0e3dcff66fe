import { describe, expect, it } from "vitest";
import { workerTargetPercent } from "./gantry-worker-policy.ts";

const level = { latencySeconds: 60, processingSeconds: 1, taskStartSeconds: 45, drainFraction: 0.5 };

describe("the worker policy's target", () => {
  it("leaves the standing queue the SLO less half a start and one message", () => {
    expect(workerTargetPercent(level)).toBe(222); // 100 × (1 + 36.5 / 30)
    expect(workerTargetPercent({ ...level, latencySeconds: 120 })).toBe(261); // 100 × (1 + 96.5 / 60)
    expect(workerTargetPercent({ ...level, latencySeconds: 30 })).toBe(143); // 100 × (1 + 6.5 / 15)
  });

  it("keeps no standing queue when the SLO is within half a start", () => {
    expect(workerTargetPercent({ ...level, latencySeconds: 20 })).toBe(100);
    expect(workerTargetPercent({ ...level, taskStartSeconds: 0, latencySeconds: 20 })).toBe(290);
  });

  it("is lower for slower starts and longer messages", () => {
    expect(workerTargetPercent({ ...level, taskStartSeconds: 90 })).toBeLessThan(workerTargetPercent(level));
    expect(workerTargetPercent({ ...level, processingSeconds: 20 })).toBeLessThan(workerTargetPercent(level));
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Predictive } from "../model/startup-behavior.ts";
import { keepIdleTasks } from "./break-even-scale-in.ts";
import { applyForecastFloor } from "./predictive-floor.ts";

const predictive: Predictive = {
  lookbackDays: 14,
  processingSeconds: 2,
  concurrency: 1,
  targetUtilizationPercent: 100,
  maxErrorRatio: 0.5,
};

describe("startup-aware properties", () => {
  it("break-even scale-in only holds tasks: the value stays within [asked, desired]", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 240 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 300 }),
        (levels, value, desired, start) => {
          const kept = keepIdleTasks(value, desired, { at: 0, levels }, start);
          expect(kept.value).toBeGreaterThanOrEqual(value);
          expect(kept.value).toBeLessThanOrEqual(Math.max(value, desired));
          expect(kept.reason === undefined).toBe(kept.value === value);
        },
      ),
    );
  });

  it("the forecast only raises capacity, and says why whenever it would have", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 0, maxLength: 700 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 800 }),
        (arrivals, value, period) => {
          const history = { startAt: 0, periodSeconds: 300 as const, arrivals };
          const floor = applyForecastFloor(value, period * 300_000, predictive, 45, history);
          expect(floor.value).toBeGreaterThanOrEqual(value);
          if (floor.value > value) expect(floor.reason?.code).toBe("PredictiveScaleOut");
        },
      ),
    );
  });
});

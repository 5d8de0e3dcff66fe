import { describe, expect, it } from "vitest";
import type { ArrivalHistory, Predictive } from "../model/startup-behavior.ts";
import { applyForecastFloor } from "./predictive-floor.ts";

const START = Date.parse("2026-11-01T00:00:00Z");
const PERIOD = 300_000;
const predictive: Predictive = {
  lookbackDays: 14,
  processingSeconds: 2,
  concurrency: 1,
  targetUtilizationPercent: 100,
  maxErrorRatio: 0.5,
};

/** Two days of 1 msg/s with a rise to 10 msg/s at 08:00 each day; the history ends at 08:00 of day 2. */
function risingAtEight(lastHour = 1): ArrivalHistory {
  const arrivals: number[] = [];
  for (let day = 0; day < 2; day++) for (let s = 0; s < 288; s++) arrivals.push(s >= 96 && s < 120 ? 10 : 1);
  for (let s = 0; s < 96; s++) arrivals.push(s >= 84 ? lastHour : 1);
  return { startAt: START, periodSeconds: 300, arrivals };
}
const EIGHT = START + (2 * 288 + 96) * PERIOD;

describe("the predictive floor", () => {
  it("raises capacity a start ahead of a forecast rise", () => {
    // 07:59:30: the 08:00 period starts within the 45 s a task takes: 10 msg/s × 2 s = 20 busy tasks.
    const floor = applyForecastFloor(3, EIGHT - 30_000, predictive, 45, risingAtEight());
    expect(floor.value).toBe(20);
    expect(floor.reason?.code).toBe("PredictiveScaleOut");
    expect(floor.reason?.message).toContain("daily forecast 10 msg/s × 2 s ÷ 1 at 100 % = 20 tasks");
    // Earlier in the last quiet period the forecast is 1 msg/s: 2 tasks, below the reactive 3.
    expect(applyForecastFloor(3, EIGHT - 240_000, predictive, 45, risingAtEight())).toEqual({ value: 3 });
  });

  it("only raises capacity", () => {
    expect(applyForecastFloor(30, EIGHT - 30_000, predictive, 45, risingAtEight())).toEqual({ value: 30 });
  });

  it("falls back to reactive scaling while the forecast misses the last hour", () => {
    // The last hour ran at 4 msg/s where 1 was forecast: an error of 75 % of arrivals.
    const floor = applyForecastFloor(3, EIGHT - 30_000, predictive, 45, risingAtEight(4));
    expect(floor.value).toBe(3);
    expect(floor.reason?.code).toBe("ForecastMissed");
    expect(floor.reason?.message).toContain("missed the last hour by");
  });

  it("sizes at the target utilization and concurrency", () => {
    const at80 = { ...predictive, targetUtilizationPercent: 80, concurrency: 2 };
    expect(applyForecastFloor(0, EIGHT - 30_000, at80, 45, risingAtEight()).value).toBe(13); // 10 / 0.8 = 12.5
  });

  it("does nothing without history", () => {
    expect(applyForecastFloor(3, EIGHT, predictive, 45, undefined)).toEqual({ value: 3 });
  });
});

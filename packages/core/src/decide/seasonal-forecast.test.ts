import { describe, expect, it } from "vitest";
import type { ArrivalHistory } from "../model/startup-behavior.ts";
import { forecastArrivals } from "./seasonal-forecast.ts";

const PERIODS_PER_DAY = 288;
const START = Date.parse("2026-11-01T00:00:00Z");

/** `days` days of 5-minute rates from `rate(day, period of the day)`. */
function history(days: number, rate: (day: number, slot: number) => number): ArrivalHistory {
  const arrivals: number[] = [];
  for (let d = 0; d < days; d++) for (let s = 0; s < PERIODS_PER_DAY; s++) arrivals.push(rate(d, s));
  return { startAt: START, periodSeconds: 300, arrivals };
}
const at = (day: number, slot: number) => START + (day * PERIODS_PER_DAY + slot) * 300_000;

describe("the seasonal forecast", () => {
  it("forecasts the same period of the last days (daily seasonality)", () => {
    const daily = history(3, (_d, s) => (s >= 100 && s < 200 ? 10 : 1));
    expect(forecastArrivals(daily, at(3, 150), 14)).toEqual({
      rate: 10,
      method: "daily",
      errorRatio: 0,
      level: 1,
    });
    expect(forecastArrivals(daily, at(3, 50), 14)?.rate).toBe(1);
  });

  it("takes the weekly period when weekends differ from weekdays", () => {
    // Busy weekdays (20/s), quiet weekends (2/s): the day after two weekend days is a weekday.
    const weekly = history(14, (d) => (d % 7 >= 5 ? 2 : 20));
    const monday = forecastArrivals(weekly, at(14, 10), 14);
    expect(monday).toMatchObject({ rate: 20, method: "weekly" });
    // the daily mean mixes in the weekend and missed the last hour (a weekend evening): not chosen
  });

  it("reads only lookbackDays of history", () => {
    const rising = history(4, (d) => d + 1); // 1, 2, 3, 4 per second on days 0..3
    expect(forecastArrivals(rising, at(4, 0), 1)?.rate).toBe(4);
    expect(forecastArrivals(rising, at(4, 0), 2)?.rate).toBe(3.5);
  });

  it("scores the last hour against what arrived", () => {
    const shifted = history(2, (d, s) => (d === 1 && s >= 276 ? 10 : 5)); // the last hour doubled
    expect(forecastArrivals(shifted, at(2, 0), 14)).toMatchObject({ errorRatio: 0.5, level: 1 });
  });

  it("scales down by how far the last hour fell short of its forecast, never up", () => {
    const declining = history(2, (d, s) => (d === 1 && s >= 276 ? 4 : 8)); // the last hour at half yesterday's
    expect(forecastArrivals(declining, at(2, 0), 14)).toMatchObject({ rate: 4, level: 0.5 });
  });

  it("has no forecast without a day of history", () => {
    expect(
      forecastArrivals(
        history(0, () => 1),
        at(0, 10),
        14,
      ),
    ).toBeUndefined();
    const hours: ArrivalHistory = { startAt: START, periodSeconds: 300, arrivals: [1, 2, 3] };
    expect(forecastArrivals(hours, START + 3 * 300_000, 14)).toBeUndefined();
  });
});

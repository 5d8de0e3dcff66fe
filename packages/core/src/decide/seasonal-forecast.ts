import type { ArrivalHistory } from "../model/startup-behavior.ts";

const DAY_SECONDS = 86_400;
/** Periods over which each method is scored, and the forecast checked against what arrived: the last hour. */
const SCORED_PERIODS = 12;

export type ForecastMethod = "daily" | "weekly";

export interface ArrivalForecast {
  /** Messages per second expected in the period. */
  rate: number;
  method: ForecastMethod;
  /** Σ|forecast − actual| ÷ Σ actual over the last hour, the method's own forecasts made the same way. */
  errorRatio: number;
  /** Σ actual ÷ Σ forecast over the last hour, at most 1: `rate` is scaled by it (see forecastArrivals). */
  level: number;
}

/**
 * Seasonal-naive forecast of the arrivals in the period holding `at`: the mean of the same period on each of the
 * last days (daily) or the same period a week and two weeks before (weekly), within `lookbackDays` of the
 * newest period. Of the two, the one closer to the last hour's arrivals. Scaled down by how far the last hour
 * fell short of its forecast (a declining trend the seasonal mean lags); never up, since the forecast only raises
 * capacity and reactive scaling follows a rise. Undefined without a day of history.
 */
export function forecastArrivals(
  history: ArrivalHistory,
  at: number,
  lookbackDays: number,
): ArrivalForecast | undefined {
  const periodMs = history.periodSeconds * 1000;
  const target = Math.floor((at - history.startAt) / periodMs);
  const lookback = Math.round((lookbackDays * DAY_SECONDS) / history.periodSeconds);
  let best: ArrivalForecast | undefined;
  for (const method of ["daily", "weekly"] as const) {
    const lag = ((method === "daily" ? 1 : 7) * DAY_SECONDS) / history.periodSeconds;
    const rate = seasonalMean(history.arrivals, target, lag, lookback);
    if (rate === undefined) continue;
    const { errorRatio, level } = recentFit(history.arrivals, lag, lookback);
    if (!best || errorRatio < best.errorRatio) best = { rate: rate * level, method, errorRatio, level };
  }
  return best;
}

/**
 * Mean of the values `lag`, 2·`lag`, … periods before `index`, within `lookback` periods of the newest one a
 * forecast for `index` could read.
 */
function seasonalMean(
  values: readonly number[],
  index: number,
  lag: number,
  lookback: number,
): number | undefined {
  const earliest = Math.min(index, values.length) - lookback;
  let sum = 0;
  let count = 0;
  for (let i = index - lag; i >= Math.max(0, earliest); i -= lag) {
    if (i >= values.length) continue;
    sum += values[i] ?? 0;
    count++;
  }
  return count === 0 ? undefined : sum / count;
}

function recentFit(
  values: readonly number[],
  lag: number,
  lookback: number,
): { errorRatio: number; level: number } {
  let error = 0;
  let actual = 0;
  let forecasts = 0;
  for (let i = Math.max(0, values.length - SCORED_PERIODS); i < values.length; i++) {
    const forecast = seasonalMean(values, i, lag, lookback);
    if (forecast === undefined) return { errorRatio: Number.POSITIVE_INFINITY, level: 1 };
    error += Math.abs(forecast - (values[i] ?? 0));
    actual += values[i] ?? 0;
    forecasts += forecast;
  }
  const level = forecasts > 0 ? Math.min(1, actual / forecasts) : 1;
  if (error === 0) return { errorRatio: 0, level };
  return { errorRatio: actual > 0 ? error / actual : Number.POSITIVE_INFINITY, level };
}

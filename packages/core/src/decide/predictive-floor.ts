import type { Reason } from "../model/decision.ts";
import type { ArrivalHistory, Predictive } from "../model/startup-behavior.ts";
import { ceilTolerant } from "./rounding.ts";
import { type ArrivalForecast, forecastArrivals } from "./seasonal-forecast.ts";

/**
 * Predictive pre-scaling: the capacity the forecast arrivals need, now and one start ahead (so tasks launched
 * now run when the rise comes), as a floor under the reactive value. It only raises capacity, and it is left
 * out while the forecast missed the last hour by more than `maxErrorRatio` (reactive scaling alone then).
 */
export function applyForecastFloor(
  value: number,
  now: number,
  predictive: Predictive,
  startSeconds: number,
  history: ArrivalHistory | undefined,
): { value: number; reason?: Reason } {
  if (!history) return { value };
  const forecasts = [now, now + startSeconds * 1000]
    .map((at) => forecastArrivals(history, at, predictive.lookbackDays))
    .filter((f): f is ArrivalForecast => f !== undefined);
  if (forecasts.length === 0) return { value };
  const peak = forecasts.reduce((a, b) => (b.rate > a.rate ? b : a));
  const capacity = capacityFor(peak.rate, predictive);
  if (capacity <= value) return { value };
  const level = peak.level < 1 ? ` (× ${round(peak.level)}, the last hour's share of its forecast)` : "";
  const what = `${peak.method} forecast ${round(peak.rate)} msg/s${level} × ${predictive.processingSeconds} s ÷ ${predictive.concurrency} at ${predictive.targetUtilizationPercent} % = ${capacity} tasks within the next ${startSeconds} s`;
  if (peak.errorRatio > predictive.maxErrorRatio) {
    return {
      value,
      reason: {
        code: "ForecastMissed",
        message: `${what}, not applied: it missed the last hour by ${round(100 * peak.errorRatio)} % of arrivals (> ${round(100 * predictive.maxErrorRatio)} %); reactive scaling alone`,
      },
    };
  }
  return {
    value: capacity,
    reason: { code: "PredictiveScaleOut", message: `${what}, above the reactive ${value}` },
  };
}

function capacityFor(rate: number, predictive: Predictive): number {
  const busy = (rate * predictive.processingSeconds) / predictive.concurrency;
  return ceilTolerant((100 * busy) / predictive.targetUtilizationPercent);
}

function round(value: number): string {
  if (!Number.isFinite(value)) return "∞";
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

import type { ScalerBounds } from "../scalers/scaler.ts";

/** Scalers that can wake a service from zero; the AWS policies cannot (no metric without a running task). */
const SCALES_FROM_ZERO = new Set(["gantry", "keda"]);

/**
 * Bounds an operator would set: max at twice the busiest minute of the fluid bound (at least 10), min 0 where
 * the scaler can wake from zero, else 1.
 */
export function benchBounds(scaler: string, peakFluidTasks: number): ScalerBounds {
  return {
    minCapacity: SCALES_FROM_ZERO.has(scaler) ? 0 : 1,
    maxCapacity: Math.max(10, Math.ceil(2 * peakFluidTasks)),
  };
}

import type { Reason } from "../model/decision.ts";

/**
 * Keeps the result in [min, max] and says why. A policy asking past a bound gets AWS's not-scaled code; a
 * desired count already outside the bounds (set by hand, or a scheduled action moved them) is brought inside.
 */
export function clampToBounds(
  capacity: number,
  desired: number,
  bounds: { minCapacity: number; maxCapacity: number },
): { value: number; reason?: Reason } {
  const { minCapacity: min, maxCapacity: max } = bounds;
  if (capacity > max) {
    if (desired > max) {
      return {
        value: max,
        reason: {
          code: "AboveMaxCapacity",
          message: `desired ${desired} above max ${max}: scaling in to max`,
        },
      };
    }
    const how = desired === max ? "already at" : "capped at";
    return {
      value: max,
      reason: { code: "AlreadyAtMaxCapacity", message: `wanted ${capacity}, ${how} max ${max}` },
    };
  }
  if (capacity < min) {
    if (desired < min) {
      return {
        value: min,
        reason: {
          code: "BelowMinCapacity",
          message: `desired ${desired} below min ${min}: scaling out to min`,
        },
      };
    }
    const how = desired === min ? "already at" : "held at";
    return {
      value: min,
      reason: { code: "AlreadyAtMinCapacity", message: `wanted ${capacity}, ${how} min ${min}` },
    };
  }
  return { value: capacity };
}

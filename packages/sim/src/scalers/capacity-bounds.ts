import { ValidationError } from "@gantry/core";
import type { ScalerBounds } from "./scaler.ts";

export function checkBounds(bounds: ScalerBounds): void {
  const { minCapacity, maxCapacity } = bounds;
  if (!Number.isInteger(minCapacity) || minCapacity < 0) {
    throw new ValidationError(`minCapacity ${minCapacity} must be an integer ≥ 0`, "bounds.minCapacity");
  }
  if (!Number.isInteger(maxCapacity) || maxCapacity < minCapacity) {
    throw new ValidationError(
      `maxCapacity ${maxCapacity} must be an integer ≥ minCapacity ${minCapacity}`,
      "bounds.maxCapacity",
    );
  }
}

export function checkPositive(value: number, field: string): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new ValidationError(`${field} ${value} must be a finite number > 0`, field);
  }
}

/** ceil() that forgives floating-point noise: 3 × 70 / 30 is 7.000000000000001 and must stay 7. */
export function ceilTolerant(value: number): number {
  return Math.ceil(value - 1e-9 * Math.max(1, Math.abs(value))) + 0; // + 0 turns −0 into 0
}

/**
 * AWS's rounding of PercentChangeInCapacity: > 1 rounds down, (0, 1) becomes 1, (−1, 0) becomes −1,
 * < −1 rounds up (toward zero).
 */
export function roundPercentAdjustment(value: number): number {
  if (value > 1) return Math.floor(value);
  if (value > 0) return 1;
  if (value === 0) return 0;
  if (value > -1) return -1;
  return Math.ceil(value);
}

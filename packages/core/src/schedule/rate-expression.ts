import { ValidationError } from "../errors.ts";
import type { Recurrence } from "./recurrence.ts";

const UNIT_MS: Readonly<Record<string, number>> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

/**
 * Parses the inside of `rate(value unit)` into a period in milliseconds. As AWS does, a value of 1
 * takes the singular unit and larger values the plural. A day is 24 hours of elapsed time, not a
 * calendar day, so rates ignore the time zone and DST (as in EventBridge Scheduler).
 */
export function parseRatePeriod(body: string): number {
  const parts = body.trim().split(/\s+/);
  if (parts.length !== 2) {
    throw new ValidationError(`rate() expression must look like rate(5 minutes), got "rate(${body})"`);
  }
  const [valueText = "", unit = ""] = parts;
  if (!/^[1-9]\d*$/.test(valueText)) {
    throw new ValidationError(`rate() value must be a positive whole number, got "${valueText}"`);
  }
  const value = Number(valueText);
  const singular = unit.endsWith("s") ? unit.slice(0, -1) : unit;
  const unitMs = UNIT_MS[singular];
  if (unitMs === undefined) {
    throw new ValidationError(`rate() unit must be minute(s), hour(s) or day(s), got "${unit}"`);
  }
  const expected = value === 1 ? singular : `${singular}s`;
  if (unit !== expected) {
    throw new ValidationError(
      `rate(${valueText} ${unit}) must use the unit "${expected}" for a value of ${value}`,
    );
  }
  const period = value * unitMs;
  if (!Number.isSafeInteger(period)) throw new ValidationError(`rate() value ${valueText} is too large`);
  return period;
}

/**
 * Fire times anchor + k × period for k ≥ 0. The anchor is the schedule's startTime, or the Unix epoch
 * when there is none, so that rate(5 minutes) fires at :00, :05, … — deterministic, and aligned to
 * round times, rather than depending on when the schedule happened to be created.
 */
export function rateRecurrence(periodMs: number, anchor: number): Recurrence {
  const periodsUntil = (time: number): number => wholePeriods(time - anchor, periodMs);
  return {
    latest: (atOrBefore) => (atOrBefore < anchor ? undefined : anchor + periodsUntil(atOrBefore) * periodMs),
    next: (after) => (after < anchor ? anchor : anchor + (periodsUntil(after) + 1) * periodMs),
  };
}

/** floor(elapsed / period) for elapsed ≥ 0, corrected for floating-point rounding of the division. */
function wholePeriods(elapsed: number, period: number): number {
  let periods = Math.floor(elapsed / period);
  if (periods * period > elapsed) periods -= 1;
  else if ((periods + 1) * period <= elapsed) periods += 1;
  return periods;
}

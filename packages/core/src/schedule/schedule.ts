import { ValidationError } from "../errors.ts";
import { onceRecurrence, parseAtInstant } from "./at-expression.ts";
import { cronRecurrence } from "./cron-recurrence.ts";
import { parseRatePeriod, rateRecurrence } from "./rate-expression.ts";
import type { Recurrence } from "./recurrence.ts";
import { timezoneError } from "./zoned-time.ts";

export interface ScheduleOptions {
  /** IANA time zone for at() and cron() wall-clock times; default "UTC". Ignored by rate(). */
  timezone?: string;
  /** Epoch ms (UTC). Fire times before it do not count; it anchors rate(). */
  startTime?: number;
  /** Epoch ms (UTC). Fire times after it do not count. */
  endTime?: number;
}

/** An AWS Application Auto Scaling schedule: at(...), rate(...) or cron(...), parsed and validated. */
export interface Schedule {
  readonly expression: string;
  readonly timezone: string;
  readonly kind: "at" | "rate" | "cron";
  readonly startTime: number | undefined;
  readonly endTime: number | undefined;
  /** Fire times before the [startTime, endTime] window is applied. */
  readonly recurrence: Recurrence;
}

const EXPRESSION = /^(at|rate|cron)\((.*)\)$/;

/** Parses and validates; throws ValidationError (field left undefined; callers add it). */
export function parseSchedule(expression: string, options: ScheduleOptions = {}): Schedule {
  const timezone = options.timezone ?? "UTC";
  const zoneProblem = timezoneError(timezone);
  if (zoneProblem !== undefined) throw new ValidationError(zoneProblem);
  const { startTime, endTime } = options;
  checkWindow(startTime, endTime);
  const match = EXPRESSION.exec(expression);
  if (match === null) {
    throw new ValidationError(`schedule must be at(...), rate(...) or cron(...), got "${expression}"`);
  }
  const kind = match[1] as Schedule["kind"];
  const recurrence = parseRecurrence(kind, match[2] ?? "", timezone, startTime);
  return { expression, timezone, kind, startTime, endTime, recurrence };
}

function parseRecurrence(
  kind: Schedule["kind"],
  body: string,
  timezone: string,
  startTime: number | undefined,
): Recurrence {
  switch (kind) {
    case "at":
      return onceRecurrence(parseAtInstant(body, timezone));
    case "rate":
      return rateRecurrence(parseRatePeriod(body), startTime ?? 0);
    case "cron":
      return cronRecurrence(body, timezone);
  }
}

function checkWindow(startTime: number | undefined, endTime: number | undefined): void {
  for (const [name, value] of [
    ["startTime", startTime],
    ["endTime", endTime],
  ] as const) {
    if (value !== undefined && !Number.isSafeInteger(value)) {
      throw new ValidationError(`${name} must be a whole number of epoch milliseconds, got ${value}`);
    }
  }
  if (startTime !== undefined && endTime !== undefined && startTime > endTime) {
    throw new ValidationError(`startTime (${startTime}) must not be after endTime (${endTime})`);
  }
}

/** Returns an error message, or undefined when the expression and timezone are valid (for zod refinements). */
export function checkSchedule(expression: string, timezone?: string): string | undefined {
  try {
    parseSchedule(expression, timezone === undefined ? {} : { timezone });
    return undefined;
  } catch (error) {
    if (error instanceof ValidationError) return error.message;
    throw error;
  }
}

/** Latest fire time t <= atOrBefore within [startTime, endTime], or undefined. */
export function latestOccurrence(schedule: Schedule, atOrBefore: number): number | undefined {
  // Fire times are whole milliseconds, so flooring the reference changes no answer.
  const reference = Math.floor(requireFinite(atOrBefore, "atOrBefore"));
  const { startTime, endTime } = schedule;
  const found = schedule.recurrence.latest(endTime === undefined ? reference : Math.min(reference, endTime));
  return found === undefined || (startTime !== undefined && found < startTime) ? undefined : found;
}

/** Earliest fire time t > after within [startTime, endTime], or undefined. */
export function nextOccurrence(schedule: Schedule, after: number): number | undefined {
  const reference = Math.floor(requireFinite(after, "after"));
  const { startTime, endTime } = schedule;
  // startTime is a whole number, so "t > startTime - 1" is "t >= startTime".
  const found = schedule.recurrence.next(
    startTime === undefined ? reference : Math.max(reference, startTime - 1),
  );
  return found === undefined || (endTime !== undefined && found > endTime) ? undefined : found;
}

function requireFinite(value: number, name: string): number {
  if (!Number.isFinite(value))
    throw new RangeError(`${name} must be a finite epoch-milliseconds time, got ${value}`);
  return value;
}

import { Cron, type CronOptions } from "croner";
import { ValidationError } from "../errors.ts";
import { awsCronToCroner } from "./aws-cron.ts";
import { BoundedCache } from "./bounded-cache.ts";
import type { Recurrence } from "./recurrence.ts";
import { canonicalTimezone, fixedUtcOffsetMinutes } from "./zoned-time.ts";

// Every AWS cron fire time lies in years 1970–2199 of some zone; clamping the reference instants
// to just outside that range keeps croner's Dates valid for any finite input.
const SEARCH_FLOOR = Date.UTC(1969, 11, 30);
const SEARCH_CEILING = Date.UTC(2200, 0, 2);

/**
 * Croner options for AWS semantics:
 * - alternativeWeekdays: AWS numbers weekdays 1=SUN … 7=SAT.
 * - domAndDow: AND logic, so the `*` that replaces `?` never widens the other day field.
 * - fixedTimeRule "no-wildcard": a job with no `*` or step in minutes and hours (e.g. `30 2`, or
 *   `0 9,17`) is a fixed-time job under DST. Croner then fires it once when clocks go back, and at the
 *   end of the gap (03:00) when clocks go forward over its time. Jobs with `*` or a step are interval
 *   jobs: they skip times that do not exist and run on both passes through a repeated hour.
 *   (EventBridge Scheduler documents skipping a fire time in the gap; we keep croner's Vixie-cron
 *   behaviour, so a daily scale-out at 02:30 still happens on the spring-forward day.)
 * - UTC and Etc/GMT±N are given to croner as a fixed utcOffset: same answers, about ten times faster
 *   than its Intl-based time-zone path.
 */
function cronerOptions(timezone: string): CronOptions {
  const base: CronOptions = {
    mode: "7-part",
    alternativeWeekdays: true,
    domAndDow: true,
    fixedTimeRule: "no-wildcard",
    paused: true,
  };
  const offset = fixedUtcOffsetMinutes(timezone);
  return offset === undefined
    ? { ...base, timezone: canonicalTimezone(timezone) }
    : { ...base, utcOffset: offset };
}

/** Compiles the inside of `cron(...)`; the time zone must already be known to be valid. */
export function createCronRecurrence(body: string, timezone: string): Recurrence {
  const pattern = awsCronToCroner(body);
  let cron: Cron;
  try {
    cron = new Cron(pattern, cronerOptions(timezone));
  } catch (error) {
    throw new ValidationError(`cron(${body}) is not valid: ${(error as Error).message}`);
  }
  return withWindowCache(cronerRecurrence(cron));
}

const compiled = new BoundedCache<string, Recurrence>(256);

/** Like createCronRecurrence, memoised by (expression, timezone), since parsing runs every decision. */
export function cronRecurrence(body: string, timezone: string): Recurrence {
  const key = `${timezone}\u0000${body}`;
  let recurrence = compiled.get(key);
  if (recurrence === undefined) {
    recurrence = createCronRecurrence(body, timezone);
    compiled.set(key, recurrence);
  }
  return recurrence;
}

function cronerRecurrence(cron: Cron): Recurrence {
  const clamp = (time: number): number => Math.min(Math.max(time, SEARCH_FLOOR), SEARCH_CEILING);
  return {
    // previousRuns finds runs strictly before its reference; fire times are whole seconds, so a
    // reference 1 ms later makes the search inclusive.
    latest: (atOrBefore) => cron.previousRuns(1, new Date(clamp(atOrBefore) + 1))[0]?.getTime(),
    next: (after) => cron.nextRun(new Date(clamp(after)))?.getTime(),
  };
}

interface Window {
  /** The latest fire time at or before every instant in [from, until), and the next one after. */
  readonly latest: number | undefined;
  readonly next: number | undefined;
  readonly from: number;
  readonly until: number;
}

function windowBetween(latest: number | undefined, next: number | undefined): Window {
  return { latest, next, from: latest ?? -Infinity, until: next ?? Infinity };
}

/**
 * A croner search costs 2–50 µs, and decisions ask about a steadily advancing clock. Between two
 * consecutive fire times both answers are constant, so we remember that interval; when the clock
 * passes its end, the old next fire time is the new latest and one search finds the new next.
 */
function withWindowCache(source: Recurrence): Recurrence {
  let window: Window = { latest: undefined, next: undefined, from: Infinity, until: -Infinity }; // Empty.
  const search = (time: number): Window => {
    if (window.next !== undefined && time >= window.until) {
      const following = source.next(window.next);
      if (following === undefined || time < following) return windowBetween(window.next, following);
    }
    return windowBetween(source.latest(time), source.next(time));
  };
  const windowAt = (time: number): Window => {
    if (time < window.from || time >= window.until) window = search(time);
    return window;
  };
  return {
    latest: (atOrBefore) => windowAt(atOrBefore).latest,
    next: (after) => windowAt(after).next,
  };
}

import { BoundedCache } from "./bounded-cache.ts";

/** A local date and time on the wall clock of some time zone (month 1–12). */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const DAY_MS = 86_400_000;

// Keyed by the name as given ("utc", "UTC" and "Etc/UTC" are separate keys), hence bounded.
const formatters = new BoundedCache<string, Intl.DateTimeFormat | null>(128);

function formatterFor(timezone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timezone);
  if (formatter === undefined) {
    formatter = createFormatter(timezone);
    formatters.set(timezone, formatter);
  }
  return formatter;
}

function createFormatter(timezone: string): Intl.DateTimeFormat | null {
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch {
    return null; // Intl throws a RangeError for names it does not know.
  }
  // Recent runtimes also accept offsets such as "+05:00"; AWS only takes IANA names.
  return /^[+-]/.test(formatter.resolvedOptions().timeZone) ? null : formatter;
}

/** An error message naming the time zone, or undefined when the runtime knows it as an IANA zone. */
export function timezoneError(timezone: string): string | undefined {
  if (formatterFor(timezone) !== null) return undefined;
  return `unknown time zone "${timezone}": use an IANA time zone name such as "UTC" or "America/New_York"`;
}

function requireFormatter(timezone: string): Intl.DateTimeFormat {
  const formatter = formatterFor(timezone);
  if (formatter === null) throw new RangeError(timezoneError(timezone));
  return formatter;
}

/** The IANA name the runtime resolves an alias to ("Etc/UTC" → "UTC", "US/Eastern" → "America/New_York"). */
export function canonicalTimezone(timezone: string): string {
  return requireFormatter(timezone).resolvedOptions().timeZone;
}

/**
 * The constant offset east of UTC in minutes, for zones that can never observe DST ("UTC" and
 * "Etc/GMT±N", whose sign is inverted by POSIX convention); undefined for every other zone.
 */
export function fixedUtcOffsetMinutes(timezone: string): number | undefined {
  const canonical = canonicalTimezone(timezone);
  if (canonical === "UTC") return 0;
  const etc = /^Etc\/GMT([+-]\d{1,2})$/.exec(canonical);
  return etc?.[1] === undefined ? undefined : -Number(etc[1]) * 60;
}

/** The wall-clock time of an instant in a time zone. */
export function epochToWallClock(epochMs: number, timezone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of requireFormatter(timezone).formatToParts(epochMs)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? Number.NaN,
    month: fields.month ?? Number.NaN,
    day: fields.day ?? Number.NaN,
    hour: fields.hour ?? Number.NaN,
    minute: fields.minute ?? Number.NaN,
    second: fields.second ?? Number.NaN,
  };
}

function wallClockAsUtc(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** The zone's offset from UTC at an instant, in milliseconds (local = UTC + offset). */
export function utcOffsetMs(epochMs: number, timezone: string): number {
  return wallClockAsUtc(epochToWallClock(epochMs, timezone)) - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant a wall-clock time denotes in a time zone. DST makes this ambiguous, and we resolve it
 * the way croner resolves fixed-time cron jobs, so `at()` and `cron()` agree:
 * - a time that occurs twice (clocks go back) means its first occurrence;
 * - a time that does not exist (clocks go forward) means the first instant after the gap, i.e. the
 *   moment of the transition (02:30 on a spring-forward day in New York → 03:00 EDT).
 */
export function wallClockToEpoch(wall: WallClock, timezone: string): number {
  const naive = wallClockAsUtc(wall);
  // Offsets in force a day either side cover every offset that could apply to this wall time.
  const candidates = [naive - DAY_MS, naive, naive + DAY_MS].map((at) => naive - utcOffsetMs(at, timezone));
  const valid = candidates.filter((instant) => utcOffsetMs(instant, timezone) === naive - instant);
  if (valid.length > 0) return Math.min(...valid);
  return transitionInstant(Math.min(...candidates), Math.max(...candidates), timezone);
}

/** The first instant in (low, high] whose offset is the offset at `high` (binary search). */
function transitionInstant(low: number, high: number, timezone: string): number {
  const offsetAfter = utcOffsetMs(high, timezone);
  let before = low;
  let after = high;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (utcOffsetMs(middle, timezone) === offsetAfter) after = middle;
    else before = middle;
  }
  return after;
}

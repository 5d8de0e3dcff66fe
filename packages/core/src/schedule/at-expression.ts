import { ValidationError } from "../errors.ts";
import { MAX_YEAR, MIN_YEAR, type Recurrence } from "./recurrence.ts";
import { type WallClock, wallClockToEpoch } from "./zoned-time.ts";

const AT_BODY = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** Parses the inside of `at(yyyy-mm-ddThh:mm:ss)` as a wall-clock time in `timezone`. */
export function parseAtInstant(body: string, timezone: string): number {
  const wall = parseWallClock(body);
  return wallClockToEpoch(wall, timezone);
}

function parseWallClock(body: string): WallClock {
  const match = AT_BODY.exec(body);
  if (match === null) {
    throw new ValidationError(`at() expression must look like at(yyyy-mm-ddThh:mm:ss), got "at(${body})"`);
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = { year, month, day, hour, minute, second };
  if (!isRealWallClock(wall))
    throw new ValidationError(`at() expression has an invalid date or time: "${body}"`);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new ValidationError(`at() year must be between ${MIN_YEAR} and ${MAX_YEAR}, got ${year}`);
  }
  return wall;
}

/** Rejects 2026-02-30, 24:00:00 and the like, which Date.UTC would silently roll over. */
function isRealWallClock(wall: WallClock): boolean {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second));
  return (
    date.getUTCFullYear() === wall.year &&
    date.getUTCMonth() === wall.month - 1 &&
    date.getUTCDate() === wall.day &&
    date.getUTCHours() === wall.hour &&
    date.getUTCMinutes() === wall.minute &&
    date.getUTCSeconds() === wall.second
  );
}

/** A schedule that fires exactly once. */
export function onceRecurrence(instant: number): Recurrence {
  return {
    latest: (atOrBefore) => (instant <= atOrBefore ? instant : undefined),
    next: (after) => (instant > after ? instant : undefined),
  };
}

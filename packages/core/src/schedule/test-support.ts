import { nextOccurrence, parseSchedule, type ScheduleOptions } from "./schedule.ts";

/** The first `count` fire times after `fromIso`, as ISO strings (test helper). */
export function fireTimes(
  expression: string,
  fromIso: string,
  count: number,
  options?: ScheduleOptions,
): string[] {
  const schedule = parseSchedule(expression, options);
  const times: string[] = [];
  let cursor = Date.parse(fromIso);
  for (let found = nextOccurrence(schedule, cursor); found !== undefined && times.length < count; ) {
    times.push(new Date(found).toISOString());
    cursor = found;
    found = nextOccurrence(schedule, cursor);
  }
  return times;
}

/** ISO-8601 UTC with seconds, e.g. "2026-01-01T10:00:00Z" → "2026-01-01T10:00:00.000Z". */
export function utc(isoWithoutMillis: string): string {
  return new Date(isoWithoutMillis).toISOString();
}

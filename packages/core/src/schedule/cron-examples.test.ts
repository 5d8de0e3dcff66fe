import { describe, expect, it } from "vitest";
import { latestOccurrence, nextOccurrence, parseSchedule } from "./schedule.ts";
import { fireTimes, utc } from "./test-support.ts";

// Calendar facts used below: 2026-01-01 is a Thursday; 2026-01-03, 2026-08-01 and 2026-10-03 are
// Saturdays; 2026-05-03 and 2026-05-31 are Sundays.
const AWS_EXAMPLES: ReadonlyArray<readonly [string, string, string, readonly string[]]> = [
  [
    "10:00 UTC every day",
    "cron(0 10 * * ? *)",
    "2026-01-01T00:00:00Z",
    ["2026-01-01T10:00:00Z", "2026-01-02T10:00:00Z"],
  ],
  [
    "12:15 every day",
    "cron(15 12 * * ? *)",
    "2026-01-01T12:15:00Z",
    ["2026-01-02T12:15:00Z", "2026-01-03T12:15:00Z"],
  ],
  [
    "6 PM Monday to Friday",
    "cron(0 18 ? * MON-FRI *)",
    "2026-01-01T00:00:00Z",
    ["2026-01-01T18:00:00Z", "2026-01-02T18:00:00Z", "2026-01-05T18:00:00Z", "2026-01-06T18:00:00Z"],
  ],
  [
    "8 AM on the 1st of each month",
    "cron(0 8 1 * ? *)",
    "2026-01-01T00:00:00Z",
    ["2026-01-01T08:00:00Z", "2026-02-01T08:00:00Z", "2026-03-01T08:00:00Z"],
  ],
  [
    "every 15 minutes",
    "cron(0/15 * * * ? *)",
    "2026-01-01T00:00:00Z",
    ["2026-01-01T00:15:00Z", "2026-01-01T00:30:00Z", "2026-01-01T00:45:00Z", "2026-01-01T01:00:00Z"],
  ],
  [
    "every 10 minutes Monday to Friday",
    "cron(0/10 * ? * MON-FRI *)",
    "2026-01-02T23:40:00Z",
    ["2026-01-02T23:50:00Z", "2026-01-05T00:00:00Z", "2026-01-05T00:10:00Z"],
  ],
  [
    "every 5 minutes 8:00–17:55 Monday to Friday",
    "cron(0/5 8-17 ? * MON-FRI *)",
    "2026-01-02T17:50:00Z",
    ["2026-01-02T17:55:00Z", "2026-01-05T08:00:00Z", "2026-01-05T08:05:00Z"],
  ],
  [
    "9 AM on the first Monday of each month",
    "cron(0 9 ? * 2#1 *)",
    "2026-01-01T00:00:00Z",
    ["2026-01-05T09:00:00Z", "2026-02-02T09:00:00Z", "2026-03-02T09:00:00Z", "2026-04-06T09:00:00Z"],
  ],
  [
    "last day of the month (leap year included)",
    "cron(0 0 L * ? *)",
    "2028-01-01T00:00:00Z",
    ["2028-01-31T00:00:00Z", "2028-02-29T00:00:00Z", "2028-03-31T00:00:00Z", "2028-04-30T00:00:00Z"],
  ],
  [
    "last Friday of the month",
    "cron(0 0 ? * 6L *)",
    "2026-01-01T00:00:00Z",
    ["2026-01-30T00:00:00Z", "2026-02-27T00:00:00Z", "2026-03-27T00:00:00Z", "2026-04-24T00:00:00Z"],
  ],
  [
    "last Thursday of the month",
    "cron(0 0 ? * 5L *)",
    "2026-01-01T00:00:00Z",
    ["2026-01-29T00:00:00Z", "2026-02-26T00:00:00Z"],
  ],
  [
    "3W: the 3rd is a Saturday → Friday the 2nd",
    "cron(0 0 3W * ? *)",
    "2026-01-01T00:00:00Z",
    ["2026-01-02T00:00:00Z", "2026-02-03T00:00:00Z"],
  ],
  [
    "3W: the 3rd is a Sunday → Monday the 4th",
    "cron(0 0 3W * ? *)",
    "2026-05-01T00:00:00Z",
    ["2026-05-04T00:00:00Z"],
  ],
  [
    "1W never crosses into the previous month: the 1st is a Saturday → Monday the 3rd",
    "cron(0 0 1W * ? *)",
    "2026-07-31T00:00:00Z",
    ["2026-08-03T00:00:00Z", "2026-09-01T00:00:00Z"],
  ],
  [
    "LW: last weekday of the month (31 May 2026 is a Sunday)",
    "cron(0 0 LW * ? *)",
    "2026-05-01T00:00:00Z",
    ["2026-05-29T00:00:00Z", "2026-06-30T00:00:00Z"],
  ],
  [
    "noon on Sundays",
    "cron(0 12 ? * SUN *)",
    "2026-01-01T00:00:00Z",
    ["2026-01-04T12:00:00Z", "2026-01-11T12:00:00Z", "2026-01-18T12:00:00Z"],
  ],
  ["noon on Sundays, numbered 1", "cron(0 12 ? * 1 *)", "2026-01-01T00:00:00Z", ["2026-01-04T12:00:00Z"]],
  [
    "L alone in day-of-week is Saturday",
    "cron(0 0 ? * L *)",
    "2026-01-01T00:00:00Z",
    ["2026-01-03T00:00:00Z", "2026-01-10T00:00:00Z"],
  ],
  ["only in 2027", "cron(0 0 1 1 ? 2027)", "2020-06-01T00:00:00Z", ["2027-01-01T00:00:00Z"]],
  ["31 February never happens", "cron(0 0 31 2 ? *)", "2026-01-01T00:00:00Z", []],
];

describe("AWS documented cron examples (UTC)", () => {
  it.each(AWS_EXAMPLES)("%s: %s", (_meaning, expression, fromIso, expected) => {
    expect(fireTimes(expression, fromIso, Math.max(expected.length, 1))).toEqual(expected.map(utc));
  });

  it.each(AWS_EXAMPLES)(
    "latestOccurrence agrees with nextOccurrence for %s",
    (_meaning, expression, fromIso, expected) => {
      const schedule = parseSchedule(expression);
      const times = expected.map((iso) => Date.parse(iso));
      times.forEach((time, index) => {
        expect(latestOccurrence(schedule, time)).toBe(time);
        expect(latestOccurrence(schedule, time + 59_999)).toBe(time);
        const previous = index === 0 ? undefined : times[index - 1];
        if (previous !== undefined) expect(latestOccurrence(schedule, time - 1)).toBe(previous);
      });
      expect(latestOccurrence(schedule, Date.parse(fromIso)) ?? -Infinity).toBeLessThan(times[0] ?? Infinity);
    },
  );

  it("a year-limited schedule stops after its year", () => {
    const schedule = parseSchedule("cron(0 0 1 1 ? 2027)");
    const fired = Date.parse("2027-01-01T00:00:00Z");
    expect(nextOccurrence(schedule, fired)).toBeUndefined();
    expect(latestOccurrence(schedule, Date.parse("2150-01-01T00:00:00Z"))).toBe(fired);
    expect(latestOccurrence(schedule, fired - 1)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { latestOccurrence, parseSchedule } from "./schedule.ts";
import { fireTimes, utc } from "./test-support.ts";
import { epochToWallClock } from "./zoned-time.ts";

// 2026 transitions. New York: 8 Mar 02:00 EST → 03:00 EDT (07:00Z); 1 Nov 02:00 EDT → 01:00 EST (06:00Z).
// Berlin: 29 Mar 02:00 CET → 03:00 CEST (01:00Z); 25 Oct 03:00 CEST → 02:00 CET (01:00Z).
const NEW_YORK = { timezone: "America/New_York" };
const BERLIN = { timezone: "Europe/Berlin" };
const HOUR = 3_600_000;
const DAY = 86_400_000;

function localTime(iso: string, timezone: string): string {
  const wall = epochToWallClock(Date.parse(iso), timezone);
  return `${String(wall.hour).padStart(2, "0")}:${String(wall.minute).padStart(2, "0")}`;
}

describe("L, W and # across DST: same local time, UTC shifts by an hour", () => {
  it.each([
    // [expression, zone, from, fire times (UTC) either side of a transition, local time]
    [
      "cron(0 9 L * ? *)",
      BERLIN,
      "2026-02-01T00:00:00Z",
      ["2026-02-28T08:00:00Z", "2026-03-31T07:00:00Z"],
      "09:00",
    ],
    [
      "cron(0 9 L * ? *)",
      BERLIN,
      "2026-09-01T00:00:00Z",
      ["2026-09-30T07:00:00Z", "2026-10-31T08:00:00Z"],
      "09:00",
    ],
    // Last Sunday: the transition days themselves.
    [
      "cron(0 9 ? * 1L *)",
      BERLIN,
      "2026-02-01T00:00:00Z",
      ["2026-02-22T08:00:00Z", "2026-03-29T07:00:00Z"],
      "09:00",
    ],
    [
      "cron(0 9 ? * SUNL *)",
      BERLIN,
      "2026-09-01T00:00:00Z",
      ["2026-09-27T07:00:00Z", "2026-10-25T08:00:00Z"],
      "09:00",
    ],
    // Second Sunday of March and first Sunday of November: New York's transition days.
    [
      "cron(0 9 ? * 1#2 *)",
      NEW_YORK,
      "2026-02-01T00:00:00Z",
      ["2026-02-08T14:00:00Z", "2026-03-08T13:00:00Z"],
      "09:00",
    ],
    [
      "cron(0 9 ? * SUN#1 *)",
      NEW_YORK,
      "2026-10-01T00:00:00Z",
      ["2026-10-04T13:00:00Z", "2026-11-01T14:00:00Z"],
      "09:00",
    ],
    // 1 Mar and 1 Nov 2026 are Sundays, so 1W moves to Monday the 2nd.
    [
      "cron(30 8 1W * ? *)",
      NEW_YORK,
      "2026-03-01T00:00:00Z",
      ["2026-03-02T13:30:00Z", "2026-04-01T12:30:00Z"],
      "08:30",
    ],
    [
      "cron(30 8 1W * ? *)",
      NEW_YORK,
      "2026-09-30T00:00:00Z",
      ["2026-10-01T12:30:00Z", "2026-11-02T13:30:00Z"],
      "08:30",
    ],
    [
      "cron(0 17 LW * ? *)",
      BERLIN,
      "2026-02-01T00:00:00Z",
      ["2026-02-27T16:00:00Z", "2026-03-31T15:00:00Z"],
      "17:00",
    ],
  ] as const)("%s in %o from %s", (expression, zone, fromIso, expected, local) => {
    const fired = fireTimes(expression, fromIso, 2, zone);
    expect(fired).toEqual(expected.map(utc));
    expect(fired.map((iso) => localTime(iso, zone.timezone))).toEqual([local, local]);
    const [first = "", second = ""] = fired;
    // Whole days apart on the wall clock, so one hour more or less than whole days in UTC.
    expect([HOUR, DAY - HOUR]).toContain((Date.parse(second) - Date.parse(first)) % DAY);
  });
});

describe("DST gap (clocks go forward over the fire time)", () => {
  it("a fixed-time job runs at the end of the gap, 03:00, that day", () => {
    expect(fireTimes("cron(30 2 * * ? *)", "2026-03-07T00:00:00Z", 3, NEW_YORK)).toEqual(
      ["2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"].map(utc),
    );
    expect(localTime("2026-03-08T07:00:00Z", "America/New_York")).toBe("03:00");
  });

  it("does the same with L/# on the transition day itself (Berlin, last Sunday of March)", () => {
    expect(fireTimes("cron(30 2 ? * 1L *)", "2026-03-01T00:00:00Z", 1, BERLIN)).toEqual([
      utc("2026-03-29T01:00:00Z"),
    ]);
  });

  it("an interval job (step or *) skips the times that do not exist", () => {
    expect(fireTimes("cron(0/30 2 * * ? *)", "2026-03-07T00:00:00Z", 4, NEW_YORK)).toEqual(
      ["2026-03-07T07:00:00Z", "2026-03-07T07:30:00Z", "2026-03-09T06:00:00Z", "2026-03-09T06:30:00Z"].map(
        utc,
      ),
    );
  });

  it("latestOccurrence sees the moved run", () => {
    const schedule = parseSchedule("cron(30 2 * * ? *)", NEW_YORK);
    expect(latestOccurrence(schedule, Date.parse("2026-03-08T06:59:59Z"))).toBe(
      Date.parse("2026-03-07T07:30:00Z"),
    );
    expect(latestOccurrence(schedule, Date.parse("2026-03-08T12:00:00Z"))).toBe(
      Date.parse("2026-03-08T07:00:00Z"),
    );
  });
});

describe("DST overlap (clocks go back over the fire time)", () => {
  it("a fixed-time job fires once, on the first pass", () => {
    expect(fireTimes("cron(30 1 * * ? *)", "2026-10-31T00:00:00Z", 3, NEW_YORK)).toEqual(
      ["2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"].map(utc),
    );
    const schedule = parseSchedule("cron(30 1 * * ? *)", NEW_YORK);
    expect(latestOccurrence(schedule, Date.parse("2026-11-01T07:00:00Z"))).toBe(
      Date.parse("2026-11-01T05:30:00Z"),
    );
  });

  it("lists of hours count as fixed times too", () => {
    expect(fireTimes("cron(30 1,13 * * ? *)", "2026-11-01T00:00:00Z", 2, NEW_YORK)).toEqual(
      ["2026-11-01T05:30:00Z", "2026-11-01T18:30:00Z"].map(utc),
    );
  });

  it("fires once in Berlin, with # on the transition day", () => {
    expect(fireTimes("cron(30 2 ? * 1#4 *)", "2026-10-20T00:00:00Z", 1, BERLIN)).toEqual([
      utc("2026-10-25T00:30:00Z"),
    ]);
    expect(fireTimes("cron(30 2 ? * 1#4 *)", "2026-10-25T00:30:00Z", 1, BERLIN)).toEqual([
      utc("2026-11-22T01:30:00Z"),
    ]);
  });

  it("an interval job keeps its real-time rhythm through both passes of the repeated hour", () => {
    expect(fireTimes("cron(0/30 1 * * ? *)", "2026-11-01T00:00:00Z", 5, NEW_YORK)).toEqual(
      [
        "2026-11-01T05:00:00Z",
        "2026-11-01T05:30:00Z",
        "2026-11-01T06:00:00Z",
        "2026-11-01T06:30:00Z",
        "2026-11-02T06:00:00Z",
      ].map(utc),
    );
  });
});

describe("at() across DST", () => {
  it("resolves a time in the gap to the end of the gap, and a repeated time to its first pass", () => {
    const gap = parseSchedule("at(2026-03-08T02:30:00)", NEW_YORK);
    expect(latestOccurrence(gap, Date.parse("2026-12-31T00:00:00Z"))).toBe(
      Date.parse("2026-03-08T07:00:00Z"),
    );
    const repeated = parseSchedule("at(2026-11-01T01:30:00)", NEW_YORK);
    expect(latestOccurrence(repeated, Date.parse("2026-12-31T00:00:00Z"))).toBe(
      Date.parse("2026-11-01T05:30:00Z"),
    );
  });
});

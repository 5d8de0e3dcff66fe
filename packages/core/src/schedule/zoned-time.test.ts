import { describe, expect, it } from "vitest";
import {
  canonicalTimezone,
  epochToWallClock,
  fixedUtcOffsetMinutes,
  timezoneError,
  utcOffsetMs,
  wallClockToEpoch,
} from "./zoned-time.ts";

const wall = (year: number, month: number, day: number, hour: number, minute: number, second = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
  second,
});

describe("timezoneError", () => {
  it.each(["UTC", "utc", "Etc/UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Etc/GMT+9"])(
    "accepts %s",
    (zone) => {
      expect(timezoneError(zone)).toBeUndefined();
    },
  );

  it.each(["Mars/Olympus", "", "+05:00", "-0300", "New York"])("rejects %j, naming it", (zone) => {
    expect(timezoneError(zone)).toBe(
      `unknown time zone "${zone}": use an IANA time zone name such as "UTC" or "America/New_York"`,
    );
  });
});

describe("fixedUtcOffsetMinutes", () => {
  it.each([
    ["UTC", 0],
    ["Etc/UTC", 0],
    ["GMT", 0],
    ["Etc/GMT+9", -540],
    ["Etc/GMT-14", 840],
    ["America/New_York", undefined],
    ["Asia/Tokyo", undefined],
  ] as const)("%s → %s", (zone, offset) => {
    expect(fixedUtcOffsetMinutes(zone)).toBe(offset);
  });

  it("resolves aliases", () => {
    expect(canonicalTimezone("US/Eastern")).toBe("America/New_York");
  });
});

describe("wall clock ↔ epoch", () => {
  it("reads the wall clock and the offset", () => {
    const instant = Date.parse("2026-07-01T12:34:56Z");
    expect(epochToWallClock(instant, "America/New_York")).toEqual(wall(2026, 7, 1, 8, 34, 56));
    expect(utcOffsetMs(instant, "America/New_York")).toBe(-4 * 3_600_000);
    expect(epochToWallClock(Date.parse("2026-01-01T00:00:00Z"), "UTC")).toEqual(wall(2026, 1, 1, 0, 0));
  });

  it.each([
    ["UTC", wall(2026, 1, 15, 10, 0), "2026-01-15T10:00:00Z"],
    ["America/New_York", wall(2026, 1, 15, 10, 0), "2026-01-15T15:00:00Z"],
    ["America/New_York", wall(2026, 7, 15, 10, 0), "2026-07-15T14:00:00Z"],
    ["Asia/Kolkata", wall(2026, 7, 15, 10, 0), "2026-07-15T04:30:00Z"],
    // Gap: 02:30 does not exist → the transition instant (03:00 EDT / 03:00 CEST).
    ["America/New_York", wall(2026, 3, 8, 2, 30), "2026-03-08T07:00:00Z"],
    ["Europe/Berlin", wall(2026, 3, 29, 2, 59, 59), "2026-03-29T01:00:00Z"],
    // Overlap: the first of the two instants.
    ["America/New_York", wall(2026, 11, 1, 1, 30), "2026-11-01T05:30:00Z"],
    ["Europe/Berlin", wall(2026, 10, 25, 2, 30), "2026-10-25T00:30:00Z"],
    // Just outside the changes.
    ["America/New_York", wall(2026, 3, 8, 3, 0), "2026-03-08T07:00:00Z"],
    ["America/New_York", wall(2026, 11, 1, 2, 0), "2026-11-01T07:00:00Z"],
  ] as const)("in %s, %o is %s", (zone, local, iso) => {
    expect(wallClockToEpoch(local, zone)).toBe(Date.parse(iso));
  });
});

import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.ts";
import { checkSchedule, latestOccurrence, nextOccurrence, parseSchedule } from "./schedule.ts";
import { fireTimes, utc } from "./test-support.ts";

const at = (iso: string): number => Date.parse(iso);
const MINUTE = 60_000;

describe("parseSchedule", () => {
  it("defaults to UTC and keeps the expression", () => {
    const schedule = parseSchedule("cron(0 10 * * ? *)");
    expect(schedule).toMatchObject({ expression: "cron(0 10 * * ? *)", timezone: "UTC", kind: "cron" });
    expect(schedule.startTime).toBeUndefined();
  });

  it("reuses the compiled cron for the same expression and time zone", () => {
    const first = parseSchedule("cron(0 10 * * ? *)", { timezone: "Europe/Berlin" });
    const second = parseSchedule("cron(0 10 * * ? *)", { timezone: "Europe/Berlin", startTime: 0 });
    const other = parseSchedule("cron(0 10 * * ? *)", { timezone: "Europe/Paris" });
    expect(second.recurrence).toBe(first.recurrence);
    expect(other.recurrence).not.toBe(first.recurrence);
  });

  it.each([
    ["every 5 minutes", 'schedule must be at(...), rate(...) or cron(...), got "every 5 minutes"'],
    ["cron 0 10 * * ? *", "schedule must be at(...), rate(...) or cron(...)"],
    ["CRON(0 10 * * ? *)", "schedule must be at(...), rate(...) or cron(...)"],
    [" rate(5 minutes)", "schedule must be at(...), rate(...) or cron(...)"],
    ["rate(1 hours)", 'rate(1 hours) must use the unit "hour" for a value of 1'],
    ["cron(0 10 * * * *)", 'exactly one of day-of-month and day-of-week, got "*" and "*"'],
    ["at(2026-02-30T00:00:00)", "invalid date or time"],
  ])("rejects %j", (expression, message) => {
    expect(() => parseSchedule(expression)).toThrow(ValidationError);
    expect(() => parseSchedule(expression)).toThrow(message);
  });

  it("rejects an unknown time zone by name, with the field left for the caller", () => {
    let caught: unknown;
    try {
      parseSchedule("cron(0 10 * * ? *)", { timezone: "Europe/Atlantis" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).message).toContain('"Europe/Atlantis"');
    expect((caught as ValidationError).field).toBeUndefined();
  });

  it("rejects a bad start/end window", () => {
    expect(() => parseSchedule("rate(1 day)", { startTime: 10, endTime: 5 })).toThrow(
      "startTime (10) must not be after endTime (5)",
    );
    expect(() => parseSchedule("rate(1 day)", { startTime: 1.5 })).toThrow(
      "startTime must be a whole number of epoch milliseconds, got 1.5",
    );
    expect(() => parseSchedule("rate(1 day)", { endTime: Number.NaN })).toThrow(
      "endTime must be a whole number",
    );
  });
});

describe("checkSchedule", () => {
  it("returns undefined for valid schedules", () => {
    expect(checkSchedule("cron(0 18 ? * MON-FRI *)")).toBeUndefined();
    expect(checkSchedule("rate(1 minute)", "America/New_York")).toBeUndefined();
    expect(checkSchedule("at(2026-06-01T08:00:00)", "Asia/Kolkata")).toBeUndefined();
  });

  it("returns the message for invalid ones", () => {
    expect(checkSchedule("rate(5 minute)")).toBe(
      'rate(5 minute) must use the unit "minutes" for a value of 5',
    );
    expect(checkSchedule("cron(0 10 * * ? *)", "Nowhere/Special")).toContain(
      'unknown time zone "Nowhere/Special"',
    );
  });
});

describe("startTime and endTime", () => {
  it("anchors rate() on startTime", () => {
    const startTime = at("2026-01-01T10:07:30Z");
    expect(fireTimes("rate(5 minutes)", "2026-01-01T00:00:00Z", 3, { startTime })).toEqual(
      ["2026-01-01T10:07:30Z", "2026-01-01T10:12:30Z", "2026-01-01T10:17:30Z"].map(utc),
    );
  });

  it("anchors rate() on the epoch without startTime, ignoring the time zone", () => {
    expect(fireTimes("rate(1 day)", "2026-01-01T10:07:30Z", 2, { timezone: "Asia/Tokyo" })).toEqual(
      ["2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"].map(utc),
    );
  });

  it("counts only cron fire times inside [startTime, endTime], both ends included", () => {
    const options = { startTime: at("2026-01-02T10:00:00Z"), endTime: at("2026-01-04T10:00:00Z") };
    const schedule = parseSchedule("cron(0 10 * * ? *)", options);
    expect(latestOccurrence(schedule, at("2026-01-02T09:59:59Z"))).toBeUndefined();
    expect(latestOccurrence(schedule, at("2026-01-02T10:00:00Z"))).toBe(at("2026-01-02T10:00:00Z"));
    expect(latestOccurrence(schedule, at("2026-02-01T00:00:00Z"))).toBe(at("2026-01-04T10:00:00Z"));
    expect(nextOccurrence(schedule, at("2025-06-01T00:00:00Z"))).toBe(at("2026-01-02T10:00:00Z"));
    expect(nextOccurrence(schedule, at("2026-01-03T10:00:00Z"))).toBe(at("2026-01-04T10:00:00Z"));
    expect(nextOccurrence(schedule, at("2026-01-04T10:00:00Z"))).toBeUndefined();
  });

  it("does not treat startTime itself as a cron fire time", () => {
    const schedule = parseSchedule("cron(0 10 * * ? *)", { startTime: at("2026-01-02T12:00:00Z") });
    expect(nextOccurrence(schedule, 0)).toBe(at("2026-01-03T10:00:00Z"));
  });

  it("applies the window to at()", () => {
    const inside = parseSchedule("at(2026-06-01T08:00:00)", { endTime: at("2026-06-01T08:00:00Z") });
    expect(latestOccurrence(inside, at("2027-01-01T00:00:00Z"))).toBe(at("2026-06-01T08:00:00Z"));
    const outside = parseSchedule("at(2026-06-01T08:00:00)", { startTime: at("2026-06-01T08:00:01Z") });
    expect(latestOccurrence(outside, at("2027-01-01T00:00:00Z"))).toBeUndefined();
    expect(nextOccurrence(outside, 0)).toBeUndefined();
  });

  it("stops rate() at endTime", () => {
    const schedule = parseSchedule("rate(1 hour)", { endTime: at("2026-01-01T10:30:00Z") });
    expect(latestOccurrence(schedule, at("2026-06-01T00:00:00Z"))).toBe(at("2026-01-01T10:00:00Z"));
    expect(nextOccurrence(schedule, at("2026-01-01T10:00:00Z"))).toBeUndefined();
  });
});

describe("reference times", () => {
  it("accepts fractional milliseconds", () => {
    const schedule = parseSchedule("rate(1 minute)");
    expect(latestOccurrence(schedule, MINUTE + 0.5)).toBe(MINUTE);
    expect(nextOccurrence(schedule, MINUTE - 0.5)).toBe(MINUTE);
  });

  it("handles instants far outside AWS's years", () => {
    const schedule = parseSchedule("cron(0 10 * * ? *)");
    expect(latestOccurrence(schedule, -8.64e15)).toBeUndefined();
    expect(nextOccurrence(schedule, -8.64e15)).toBe(at("1970-01-01T10:00:00Z"));
    expect(latestOccurrence(schedule, Number.MAX_SAFE_INTEGER)).toBe(at("2199-12-31T10:00:00Z"));
    expect(nextOccurrence(schedule, 8.64e15)).toBeUndefined();
  });

  it("rejects non-finite instants", () => {
    const schedule = parseSchedule("rate(1 minute)");
    expect(() => latestOccurrence(schedule, Number.NaN)).toThrow(RangeError);
    expect(() => nextOccurrence(schedule, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

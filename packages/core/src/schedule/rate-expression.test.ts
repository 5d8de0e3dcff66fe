import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.ts";
import { parseRatePeriod, rateRecurrence } from "./rate-expression.ts";

const MINUTE = 60_000;

describe("parseRatePeriod", () => {
  it.each([
    ["1 minute", MINUTE],
    ["5 minutes", 5 * MINUTE],
    ["1 hour", 60 * MINUTE],
    ["12 hours", 720 * MINUTE],
    ["1 day", 1440 * MINUTE],
    ["7 days", 7 * 1440 * MINUTE],
  ])("rate(%s) = %d ms", (body, period) => {
    expect(parseRatePeriod(body)).toBe(period);
  });

  it.each([
    ["1 minutes", 'rate(1 minutes) must use the unit "minute" for a value of 1'],
    ["1 days", 'rate(1 days) must use the unit "day" for a value of 1'],
    ["5 minute", 'rate(5 minute) must use the unit "minutes" for a value of 5'],
    ["2 hour", 'rate(2 hour) must use the unit "hours" for a value of 2'],
    ["0 minutes", 'rate() value must be a positive whole number, got "0"'],
    ["-5 minutes", 'rate() value must be a positive whole number, got "-5"'],
    ["1.5 hours", 'rate() value must be a positive whole number, got "1.5"'],
    ["05 minutes", 'rate() value must be a positive whole number, got "05"'],
    ["5 seconds", 'rate() unit must be minute(s), hour(s) or day(s), got "seconds"'],
    ["5 Minutes", 'rate() unit must be minute(s), hour(s) or day(s), got "Minutes"'],
    ["5", 'rate() expression must look like rate(5 minutes), got "rate(5)"'],
    ["5 minutes please", 'rate() expression must look like rate(5 minutes), got "rate(5 minutes please)"'],
    ["99999999999999 days", "rate() value 99999999999999 is too large"],
  ])("rejects rate(%s)", (body, message) => {
    expect(() => parseRatePeriod(body)).toThrow(ValidationError);
    expect(() => parseRatePeriod(body)).toThrow(message);
  });
});

describe("rateRecurrence", () => {
  it("anchors on the epoch: rate(5 minutes) fires at :00, :05, …", () => {
    const rate = rateRecurrence(5 * MINUTE, 0);
    const noon = Date.parse("2026-01-01T12:00:00Z");
    expect(rate.latest(noon)).toBe(noon);
    expect(rate.latest(noon + 4 * MINUTE + 59_999)).toBe(noon);
    expect(rate.next(noon)).toBe(noon + 5 * MINUTE);
    expect(rate.next(noon - 1)).toBe(noon);
  });

  it("anchors on a start time, and has no fire times before it", () => {
    const start = Date.parse("2026-01-01T12:03:17.250Z");
    const rate = rateRecurrence(60 * MINUTE, start);
    expect(rate.latest(start - 1)).toBeUndefined();
    expect(rate.latest(start)).toBe(start);
    expect(rate.next(start - 10 * 60 * MINUTE)).toBe(start);
    expect(rate.latest(start + 5 * 60 * MINUTE + 1)).toBe(start + 5 * 60 * MINUTE);
    expect(rate.next(start + 5 * 60 * MINUTE)).toBe(start + 6 * 60 * MINUTE);
  });

  it("stays exact far from the anchor (arithmetic, no iteration)", () => {
    const period = 7 * 1440 * MINUTE;
    const rate = rateRecurrence(period, 3);
    const k = 11_000; // ~211 years of weekly fire times
    const fire = 3 + k * period;
    expect(rate.latest(fire)).toBe(fire);
    expect(rate.latest(fire - 1)).toBe(fire - period);
    expect(rate.next(fire - 1)).toBe(fire);
    expect(rate.next(fire)).toBe(fire + period);
  });
});

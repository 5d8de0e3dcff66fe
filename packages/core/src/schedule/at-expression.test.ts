import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.ts";
import { onceRecurrence, parseAtInstant } from "./at-expression.ts";

describe("parseAtInstant", () => {
  it.each([
    ["2026-06-01T08:00:00", "UTC", "2026-06-01T08:00:00Z"],
    ["2026-06-01T08:00:00", "America/New_York", "2026-06-01T12:00:00Z"],
    ["2026-12-01T08:00:00", "America/New_York", "2026-12-01T13:00:00Z"],
    ["2026-06-01T08:00:00", "Asia/Kolkata", "2026-06-01T02:30:00Z"],
    ["2028-02-29T23:59:59", "UTC", "2028-02-29T23:59:59Z"],
  ])("at(%s) in %s is %s", (body, zone, iso) => {
    expect(parseAtInstant(body, zone)).toBe(Date.parse(iso));
  });

  it.each([
    ["2026-6-1T08:00:00", "at() expression must look like at(yyyy-mm-ddThh:mm:ss)"],
    ["2026-06-01 08:00:00", "at() expression must look like at(yyyy-mm-ddThh:mm:ss)"],
    ["2026-06-01T08:00", "at() expression must look like at(yyyy-mm-ddThh:mm:ss)"],
    ["2026-06-01T08:00:00Z", "at() expression must look like at(yyyy-mm-ddThh:mm:ss)"],
    ["2026-02-29T08:00:00", 'at() expression has an invalid date or time: "2026-02-29T08:00:00"'],
    ["2026-13-01T08:00:00", "invalid date or time"],
    ["2026-06-01T24:00:00", "invalid date or time"],
    ["2026-06-01T23:60:00", "invalid date or time"],
    ["1969-12-31T23:59:59", "at() year must be between 1970 and 2199, got 1969"],
    ["2200-01-01T00:00:00", "at() year must be between 1970 and 2199, got 2200"],
  ])("rejects at(%s)", (body, message) => {
    expect(() => parseAtInstant(body, "UTC")).toThrow(ValidationError);
    expect(() => parseAtInstant(body, "UTC")).toThrow(message);
  });
});

describe("onceRecurrence", () => {
  it("fires exactly once", () => {
    const once = onceRecurrence(1_000);
    expect(once.latest(999)).toBeUndefined();
    expect(once.latest(1_000)).toBe(1_000);
    expect(once.latest(5_000)).toBe(1_000);
    expect(once.next(999)).toBe(1_000);
    expect(once.next(1_000)).toBeUndefined();
  });
});

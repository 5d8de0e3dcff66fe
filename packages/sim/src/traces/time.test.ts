import { describe, expect, it } from "vitest";
import { formatSeconds, isoFromMs, parseDecimal, parseDuration, parseIsoTimestamp } from "./time.ts";

describe("parseIsoTimestamp", () => {
  it("reads zone-less times as UTC, with T or a space", () => {
    expect(parseIsoTimestamp("1998-04-30 21:30:00")).toBe(Date.UTC(1998, 3, 30, 21, 30));
    expect(parseIsoTimestamp("1998-04-30T21:30")).toBe(Date.UTC(1998, 3, 30, 21, 30));
    expect(parseIsoTimestamp("1998-04-30")).toBe(Date.UTC(1998, 3, 30));
  });

  it("applies zone offsets and fractions", () => {
    expect(parseIsoTimestamp("1995-07-01T00:00:00-04:00")).toBe(Date.UTC(1995, 6, 1, 4));
    expect(parseIsoTimestamp("1995-07-01T00:00:00+0130")).toBe(Date.UTC(1995, 5, 30, 22, 30));
    expect(parseIsoTimestamp("2024-01-01T00:00:01.5Z")).toBe(Date.UTC(2024, 0, 1, 0, 0, 1, 500));
  });

  it("rejects malformed and out-of-range dates", () => {
    for (const text of ["1998-02-30", "1998-13-01", "1998-01-01T24:00", "yesterday", "1998-1-1", ""]) {
      expect(parseIsoTimestamp(text), text).toBeNaN();
    }
  });
});

describe("parseDuration and parseDecimal", () => {
  it("reads unit groups (m is minutes)", () => {
    expect(parseDuration("2h")).toBe(7200);
    expect(parseDuration("30m")).toBe(1800);
    expect(parseDuration("1d12h")).toBe(129_600);
    expect(parseDuration("1.5h")).toBe(5400);
    expect(parseDuration("90s")).toBe(90);
  });

  it("rejects anything else", () => {
    for (const text of ["", "2", "h", "2w", "-2h", "2 h"]) expect(parseDuration(text), text).toBeNaN();
    for (const text of ["", "0x10", "-1", "1e3", " 1"]) expect(parseDecimal(text), text).toBeNaN();
    expect(parseDecimal("12.5")).toBe(12.5);
  });
});

describe("formatting", () => {
  it("renders instants and spans compactly", () => {
    expect(isoFromMs(Date.UTC(1998, 3, 30, 21, 30))).toBe("1998-04-30T21:30:00Z");
    expect(isoFromMs(Date.UTC(1998, 3, 30, 21, 30, 0, 250))).toBe("1998-04-30T21:30:00.250Z");
    expect(formatSeconds(0)).toBe("0s");
    expect(formatSeconds(93_784)).toBe("1d 2h 3m 4s");
    expect(formatSeconds(7200)).toBe("2h");
  });
});

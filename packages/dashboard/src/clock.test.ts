import { describe, expect, it } from "vitest";
import { formatClock, formatTick, formatTime, zone, zoneLabel } from "./clock.ts";

const AT = Date.UTC(2026, 0, 5, 21, 7, 9);

describe("one clock", () => {
  it("defaults to UTC, 24-hour, labelled", () => {
    expect(zone()).toBe("utc");
    expect(formatTime(AT)).toBe("2026-01-05 21:07:09");
    expect(formatClock(AT)).toBe("21:07:09");
    expect(zoneLabel()).toBe("UTC");
  });

  it("axis ticks: the date at midnight, minutes otherwise", () => {
    expect(formatTick(Date.UTC(2026, 0, 6))).toBe("01-06");
    expect(formatTick(Date.UTC(2026, 0, 6, 13, 30))).toBe("13:30");
    expect(formatTick(Date.UTC(2026, 0, 6, 13, 30, 15))).toBe("13:30:15");
  });

  it("the local zone is the runtime's own", () => {
    const local = new Date(AT);
    const hh = String(local.getHours()).padStart(2, "0");
    expect(formatClock(AT, "local").slice(0, 2)).toBe(hh);
    expect(zoneLabel("local")).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});

import { describe, expect, it } from "vitest";
import { countsTrace } from "../account/fixtures/test-traces.ts";
import { heldOutSplitSeconds, partWindow, tracePart } from "./held-out.ts";
import { traceSeconds } from "./trace.ts";

describe("the held-out split", () => {
  it("keeps the last days of a multi-day trace for validation, split on a whole day", () => {
    const tenDays = countsTrace(Array(10 * 1440).fill(1), 60);
    expect(heldOutSplitSeconds(tenDays)).toBe(7 * 86_400);
    expect(partWindow(tenDays, "validate")).toEqual({ fromSeconds: 7 * 86_400, toSeconds: 10 * 86_400 });
    const tune = tracePart(tenDays, "tune");
    expect(traceSeconds(tune)).toBe(7 * 86_400);
    expect(traceSeconds(tracePart(tenDays, "validate"))).toBe(3 * 86_400);
    expect(tracePart(tenDays, "all")).toBe(tenDays);
  });

  it("splits a trace shorter than a few days on a bucket boundary", () => {
    const eightHours = countsTrace(Array(480).fill(1), 60);
    expect(heldOutSplitSeconds(eightHours)).toBe(6 * 3600);
    const odd = countsTrace(Array(7).fill(1), 60);
    expect(heldOutSplitSeconds(odd)).toBe(5 * 60);
  });

  it("refuses a trace too short to split", () => {
    expect(() => tracePart(countsTrace([1], 60), "tune")).toThrow("too short");
  });
});

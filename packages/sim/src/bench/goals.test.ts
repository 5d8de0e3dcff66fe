import { describe, expect, it } from "vitest";
import { describeSloGoal, meetsSloGoal, sloGoal } from "./goals.ts";

describe("issue I's goals by SLO", () => {
  it("asks ≥ 97 % at ≤ 1.3× at a tight SLO and ≥ 99.5 % at ≤ 1.15× above it", () => {
    expect(sloGoal(30)).toEqual({ minWithinSloPct: 97, maxWorkRatio: 1.3 });
    expect(sloGoal(120)).toEqual({ minWithinSloPct: 99.5, maxWorkRatio: 1.15 });
    expect(describeSloGoal(60)).toBe("≥ 99.5 %, ≤ 1.15×");
  });

  it("needs both the share in time and the cost, and a run that processed something", () => {
    expect(meetsSloGoal({ withinSloPct: 97, workRatio: 1.3 }, 30)).toBe(true);
    expect(meetsSloGoal({ withinSloPct: 96.9, workRatio: 1.1 }, 30)).toBe(false);
    expect(meetsSloGoal({ withinSloPct: 99.9, workRatio: 1.16 }, 120)).toBe(false);
    expect(meetsSloGoal({ withinSloPct: 100, workRatio: null }, 120)).toBe(false);
  });
});

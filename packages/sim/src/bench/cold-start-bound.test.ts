import { describe, expect, it } from "vitest";
import { coldStartCurve, idleGaps } from "./cold-start-bound.ts";

// Jobs of 10 s arriving at 0, 5 (overlapping), 100 and 400 s: the fleet empties at 15 s and 110 s.
const requests = {
  arrivals: Float64Array.from([0, 5, 100, 400]),
  durations: Float64Array.from([10, 10, 10, 10]),
};

describe("cold-start floor", () => {
  it("measures each arrival's idle gap from the end of every earlier job", () => {
    expect([...idleGaps(requests)]).toEqual([Number.POSITIVE_INFINITY, -5, 85, 290]);
  });

  it("prices keeping a task T seconds: the idle kept, and a start for each gap not bridged", () => {
    const [none, short, long] = coldStartCurve(requests, 45, [0, 100, 300]);
    // T = 0: every gap is cold (the first arrival, 100 s and 400 s); 3 starts of 45 s over 40 s of work.
    expect(none).toMatchObject({ coldPct: 75, idleRatio: 0, startRatio: (3 * 45) / 40 });
    // T = 100 s bridges the 85 s gap, not the 290 s one: 85 + 100 idle seconds.
    expect(short).toMatchObject({ coldPct: 50, idleRatio: 185 / 40, startRatio: (2 * 45) / 40 });
    expect(long?.coldPct).toBe(25);
    expect(long?.workRatioFloor).toBeCloseTo(1 + (85 + 290) / 40 + 45 / 40);
  });

  it("needs per-request processing times", () => {
    expect(() => idleGaps({ arrivals: Float64Array.from([1]) })).toThrow(/no per-request/);
  });
});

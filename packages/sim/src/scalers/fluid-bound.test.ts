import { describe, expect, it } from "vitest";
import { binArrivals, type Trace } from "../traces/trace.ts";
import { fluidBoundTaskSeconds, fluidTasksPerMinute, workPerMinute } from "./fluid-bound.ts";

function countsTrace(counts: number[], bucketSeconds: 1 | 60 = 60): Trace {
  return { name: "t", description: "test", bucketSeconds, counts: Float64Array.from(counts), scale: 1 };
}

describe("fluidBoundTaskSeconds", () => {
  it("charges ⌈work ÷ 60 s⌉ task-minutes per minute: 90 s of work → 2 × 60", () => {
    expect(fluidBoundTaskSeconds(countsTrace([3]), 30)).toBe(120);
  });

  it("sums the minutes, an empty minute costing nothing", () => {
    const trace = countsTrace([3, 0, 1, 4]);
    expect([...workPerMinute(trace, 30)]).toEqual([90, 0, 30, 120]);
    expect([...fluidTasksPerMinute(trace, 30)]).toEqual([2, 0, 1, 2]);
    expect(fluidBoundTaskSeconds(trace, 30)).toBe(300);
  });

  it("groups 1-second buckets into minutes, a partial last minute included", () => {
    const counts = new Array<number>(90).fill(0);
    counts[0] = 1;
    counts[59] = 1; // minute 0: 2 × 40 s = 80 s → 2 tasks
    counts[60] = 1; // minute 1: 40 s → 1 task
    expect([...fluidTasksPerMinute(countsTrace(counts, 1), 40)]).toEqual([2, 1]);
    expect(fluidBoundTaskSeconds(countsTrace(counts, 1), 40)).toBe(180);
  });

  it("uses the expected work of fractional counts from a scaled trace", () => {
    expect(fluidBoundTaskSeconds(countsTrace([0.5]), 30)).toBe(60); // 15 s → 1 task
    expect(fluidBoundTaskSeconds(countsTrace([2.5]), 60)).toBe(180); // 150 s → 3 tasks
    expect(fluidBoundTaskSeconds(countsTrace([0.25, 0.25]), 4)).toBe(120); // 1 s each minute
  });

  it("forgives floating-point noise at exact multiples of a minute", () => {
    const processing = 0.1 * 3; // 0.30000000000000004
    expect(200 * processing).toBeGreaterThan(60);
    expect(fluidBoundTaskSeconds(countsTrace([200]), processing)).toBe(60);
  });

  it("uses per-request durations when the trace has them", () => {
    const arrivals = Float64Array.of(0, 10, 59.9, 60, 130);
    const durations = Float64Array.of(50, 20, 1, 61, 5);
    const trace: Trace = {
      ...countsTrace([]),
      bucketSeconds: 1,
      counts: binArrivals(arrivals),
      requests: { arrivals, durations },
    };
    // minute 0: 71 s → 2; minute 1: 61 s → 2; minute 2: 5 s → 1. The processing time is ignored.
    expect([...workPerMinute(trace, 1000)]).toEqual([71, 61, 5]);
    expect(fluidBoundTaskSeconds(trace, 1000)).toBe(300);
  });

  it("falls back to count × processing time for requests without durations", () => {
    const arrivals = Float64Array.of(1, 2, 70);
    const trace: Trace = {
      ...countsTrace([]),
      bucketSeconds: 1,
      counts: binArrivals(arrivals),
      requests: { arrivals },
    };
    expect([...workPerMinute(trace, 45)]).toEqual([90, 45]);
    expect(fluidBoundTaskSeconds(trace, 45)).toBe(180);
  });

  it("rejects a processing time it needs but cannot use", () => {
    expect(() => fluidBoundTaskSeconds(countsTrace([1]), 0)).toThrow(/processingTimeSeconds/);
  });
});

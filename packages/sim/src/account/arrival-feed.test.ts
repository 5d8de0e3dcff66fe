import { describe, expect, it } from "vitest";
import { TraceFeed } from "./arrival-feed.ts";
import { countsTrace, requestsTrace } from "./fixtures/test-traces.ts";
import { createPrng } from "./prng.ts";

function drain(feed: TraceFeed): { times: number[]; durations: number[] } {
  const times: number[] = [];
  const durations: number[] = [];
  while (Number.isFinite(feed.nextTime)) {
    times.push(feed.nextTime);
    durations.push(feed.nextDurationMs);
    feed.advance();
  }
  return { times, durations };
}

describe("TraceFeed on bucket counts", () => {
  it("draws integer counts exactly, spread sorted inside each bucket", () => {
    const { times, durations } = drain(new TraceFeed(countsTrace([3, 0, 2], 60), 1000, 500, createPrng(1)));
    expect(times).toHaveLength(5);
    expect(times.slice(0, 3).every((t) => t >= 1000 && t < 61_000)).toBe(true);
    expect(times.slice(3).every((t) => t >= 121_000 && t < 181_000)).toBe(true);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(durations).toEqual([500, 500, 500, 500, 500]);
  });

  it("realises fractional counts as floor + Bernoulli(fraction)", () => {
    const trace = countsTrace(Array.from({ length: 10_000 }, () => 0.3));
    const { times } = drain(new TraceFeed(trace, 0, 1000, createPrng(9)));
    expect(times.length).toBeGreaterThan(2800);
    expect(times.length).toBeLessThan(3200);
    const perBucket = new Map<number, number>();
    for (const t of times)
      perBucket.set(Math.floor(t / 1000), (perBucket.get(Math.floor(t / 1000)) ?? 0) + 1);
    expect(Math.max(...perBucket.values())).toBe(1);
  });

  it("gives the same arrivals for the same seed", () => {
    const trace = countsTrace([1.5, 2.5, 0.5, 4.25]);
    const a = drain(new TraceFeed(trace, 0, 1000, createPrng(5)));
    expect(drain(new TraceFeed(trace, 0, 1000, createPrng(5)))).toEqual(a);
  });
});

describe("TraceFeed on requests", () => {
  it("uses exact offsets and per-request durations", () => {
    const trace = requestsTrace([0, 0.5, 2], [1, 2, 3]);
    expect(drain(new TraceFeed(trace, 10_000, 999, createPrng(0)))).toEqual({
      times: [10_000, 10_500, 12_000],
      durations: [1000, 2000, 3000],
    });
  });

  it("falls back to the given duration when the trace has none", () => {
    const { durations } = drain(new TraceFeed(requestsTrace([1, 2]), 0, 250, createPrng(0)));
    expect(durations).toEqual([250, 250]);
  });
});

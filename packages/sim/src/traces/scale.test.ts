import { describe, expect, it } from "vitest";
import { thrown } from "./fixtures/thrown.ts";
import { scaleTrace, unitHash } from "./scale.ts";
import { cutTrace, lowerBound } from "./slice.ts";
import { binArrivals, type Trace, totalCount } from "./trace.ts";

const counts: Trace = {
  name: "c",
  description: "counts",
  bucketSeconds: 60,
  counts: Float64Array.of(1, 0, 4),
  scale: 1,
};

function requestTrace(n: number): Trace {
  const arrivals = Float64Array.from({ length: n }, (_, i) => i / 10);
  const durations = Float64Array.from({ length: n }, (_, i) => i);
  return {
    name: "r",
    description: "req",
    bucketSeconds: 1,
    counts: binArrivals(arrivals),
    requests: { arrivals, durations },
    scale: 1,
  };
}

describe("scaleTrace on counts", () => {
  it("multiplies every bucket, fractions kept", () => {
    expect([...scaleTrace(counts, { factor: 2 }).counts]).toEqual([2, 0, 8]);
    const half = scaleTrace(counts, { factor: 0.5 });
    expect([...half.counts]).toEqual([0.5, 0, 2]);
    expect(half.scale).toBe(0.5);
    expect(half.description).toBe("counts; scale ×0.5");
    expect(scaleTrace(counts, { factor: 1 })).toBe(counts);
  });
});

describe("scaleTrace on requests", () => {
  const trace = requestTrace(10_000);

  it("replicates each request ⌊F⌋ times with its duration", () => {
    const doubled = scaleTrace(requestTrace(3), { factor: 2 });
    expect([...(doubled.requests?.arrivals ?? [])]).toEqual([0, 0, 0.1, 0.1, 0.2, 0.2]);
    expect([...(doubled.requests?.durations ?? [])]).toEqual([0, 0, 1, 1, 2, 2]);
    expect(totalCount(scaleTrace(trace, { factor: 2 }))).toBe(20_000);
  });

  it("keeps the fractional part by a seeded choice: same seed, same requests", () => {
    const a = scaleTrace(trace, { factor: 1.5, seed: 42 });
    const b = scaleTrace(trace, { factor: 1.5, seed: 42 });
    const c = scaleTrace(trace, { factor: 1.5, seed: 43 });
    expect(a.requests?.arrivals).toEqual(b.requests?.arrivals);
    expect(a.requests?.arrivals).not.toEqual(c.requests?.arrivals);
    expect(Math.abs(totalCount(a) / 15_000 - 1)).toBeLessThan(0.03);
    expect(totalCount(a)).toBe(a.requests?.arrivals.length);
    expect(a.counts.length).toBe(trace.counts.length);
    expect(a.description).toBe("req; scale ×1.5 (seed 42)");
  });

  it("keeps the trace length when scaling down drops the last requests", () => {
    const sparse = scaleTrace(requestTrace(50), { factor: 0.01, seed: 1 });
    expect(sparse.counts.length).toBe(5);
  });

  it("chooses the same copies whether the trace is sliced before or after scaling", () => {
    const first = lowerBound(trace.requests?.arrivals ?? new Float64Array(), 300);
    const sliceThenScale = scaleTrace(cutTrace(trace, 300, 700), { factor: 0.3, seed: 9, firstIndex: first });
    const scaleThenSlice = cutTrace(scaleTrace(trace, { factor: 0.3, seed: 9 }), 300, 700);
    expect(sliceThenScale.requests?.arrivals).toEqual(scaleThenSlice.requests?.arrivals);
    expect(sliceThenScale.counts).toEqual(scaleThenSlice.counts);
  });

  it("spreads unitHash evenly over [0, 1)", () => {
    const values = Array.from({ length: 10_000 }, (_, i) => unitHash(7, i));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.filter((v) => v < 0.25).length / 10_000).toBeCloseTo(0.25, 1);
  });
});

describe("scale options", () => {
  it("rejects factors and seeds it cannot use", () => {
    for (const factor of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(thrown(() => scaleTrace(counts, { factor })).field).toBe("scale");
    }
    for (const seed of [1.5, -1, 2 ** 32]) {
      expect(thrown(() => scaleTrace(counts, { factor: 2, seed })).field).toBe("seed");
    }
    expect(thrown(() => scaleTrace(requestTrace(10), { factor: 1e7 })).message).toMatch(
      /makes 100000000 requests/,
    );
    expect(thrown(() => scaleTrace(requestTrace(1), { factor: 2 ** 33 })).field).toBe("scale");
  });
});

import { describe, expect, it } from "vitest";
import { thrown } from "./fixtures/thrown.ts";
import { instantOfOffset, offsetOfInstant, resolveTimeOption, sliceTrace } from "./slice.ts";
import type { Trace } from "./trace.ts";

const perMinute: Trace = {
  name: "m",
  description: "ten minutes",
  bucketSeconds: 60,
  counts: Float64Array.from({ length: 10 }, (_, i) => i),
  startTime: "2024-01-01T00:00:00Z",
  scale: 1,
};

const requests: Trace = {
  name: "r",
  description: "requests",
  bucketSeconds: 1,
  counts: Float64Array.of(2, 0, 1, 1, 0, 1),
  requests: { arrivals: Float64Array.of(0, 0.5, 2, 3.25, 5), durations: Float64Array.of(1, 2, 3, 4, 5) },
  scale: 1,
};

// 20 values; the clock skips 100 s between offsets 9 and 10.
const jumpy: Trace = {
  name: "j",
  description: "jumpy",
  bucketSeconds: 1,
  counts: new Float64Array(20).fill(1),
  startTime: "2000-01-01T00:00:00Z",
  clockJumps: [{ atSeconds: 10, skippedSeconds: 100 }],
  scale: 1,
};

describe("resolveTimeOption", () => {
  it("takes numbers and numeric strings as seconds, and durations from the start", () => {
    expect(resolveTimeOption(perMinute, 120, "from")).toBe(120);
    expect(resolveTimeOption(perMinute, "120", "from")).toBe(120);
    expect(resolveTimeOption(perMinute, "2m", "from")).toBe(120);
    expect(resolveTimeOption(perMinute, "1d1h", "to")).toBe(90_000);
  });

  it("takes ISO-8601 instants relative to the start time, zone-less as UTC", () => {
    expect(resolveTimeOption(perMinute, "2024-01-01T00:05:00Z", "from")).toBe(300);
    expect(resolveTimeOption(perMinute, "2024-01-01 00:05", "from")).toBe(300);
    expect(resolveTimeOption(perMinute, "2024-01-01T01:05:00+01:00", "from")).toBe(300);
  });

  it("explains values it cannot use", () => {
    const bad = (trace: Trace, value: number | string) =>
      thrown(() => resolveTimeOption(trace, value, "from"));
    expect(bad(perMinute, -1).message).toMatch(/from -1 must be a finite number of seconds ≥ 0/);
    expect(bad(perMinute, Number.NaN).field).toBe("from");
    expect(bad(perMinute, "2 hours").message).toMatch(
      /not seconds, a duration like 2h\/30m\/1d or an ISO-8601/,
    );
    expect(bad(perMinute, "2024-01-01T25:00").message).toMatch(/not a valid ISO-8601 timestamp/);
    expect(bad(perMinute, "2023-12-31T23:59:00Z").message).toMatch(
      /before the trace start 2024-01-01T00:00:00Z/,
    );
    expect(bad(requests, "2024-01-01").message).toMatch(/r has no start date; give seconds or a duration/);
  });
});

describe("clock jumps", () => {
  it("maps instants around a jump to offsets and back", () => {
    const at = (s: number) => Date.parse("2000-01-01T00:00:00Z") + s * 1000;
    expect(offsetOfInstant(jumpy, at(9))).toBe(9);
    expect(offsetOfInstant(jumpy, at(50))).toBe(10); // inside the skipped span
    expect(offsetOfInstant(jumpy, at(115))).toBe(15);
    expect(instantOfOffset(jumpy, 15)).toBe(at(115));
    expect(instantOfOffset(jumpy, 9)).toBe(at(9));
  });

  it("moves the start time and the jumps with a slice", () => {
    const after = sliceTrace(jumpy, { from: 12 });
    expect(after.startTime).toBe("2000-01-01T00:01:52Z");
    expect(after.clockJumps).toEqual([]);
    const across = sliceTrace(jumpy, { from: 5, to: "2000-01-01T00:01:55Z" });
    expect(across.counts.length).toBe(10);
    expect(across.clockJumps).toEqual([{ atSeconds: 5, skippedSeconds: 100 }]);
    expect(across.description).toContain("(2000-01-01T00:00:05Z to 2000-01-01T00:01:55Z)");
  });
});

describe("sliceTrace", () => {
  it("cuts counts exactly at bucket boundaries and re-bases the start", () => {
    const cut = sliceTrace(perMinute, { from: "2m", to: "2024-01-01T00:05:00Z" });
    expect([...cut.counts]).toEqual([2, 3, 4]);
    expect(cut.startTime).toBe("2024-01-01T00:02:00Z");
    expect(cut.description).toBe(
      "ten minutes; slice 2m to 5m from the start (2024-01-01T00:02:00Z to 2024-01-01T00:05:00Z)",
    );
    expect([...sliceTrace(perMinute, { from: 540 }).counts]).toEqual([9]);
  });

  it("keeps the requests in [from, to), shifted to the new start", () => {
    const cut = sliceTrace(requests, { from: 2, to: 5 });
    expect([...(cut.requests?.arrivals ?? [])]).toEqual([0, 1.25]);
    expect([...(cut.requests?.durations ?? [])]).toEqual([3, 4]);
    expect([...cut.counts]).toEqual([1, 1, 0]);
    expect(cut.description).toBe("requests; slice 2s to 5s from the start (2–5 s)");
  });

  it("returns the trace itself for the full window", () => {
    expect(sliceTrace(perMinute, {})).toBe(perMinute);
    expect(sliceTrace(perMinute, { from: 0, to: "10m" })).toBe(perMinute);
  });

  it("rejects windows off the grid, empty or past the end", () => {
    const bad = (from: number | string | undefined, to?: number | string) =>
      thrown(() => sliceTrace(perMinute, from === undefined ? { to } : { from, to }));
    expect(bad(90).message).toBe("from 90 s is not a multiple of the 60 s buckets");
    expect(bad(600).message).toMatch(/from 600 s is not before the trace length 10m \(600 s\)/);
    expect(bad(0, "11m").message).toMatch(/to 660 s is past the trace length/);
    expect(bad(120, 120).message).toBe("to 120 s is not after from 120 s");
    expect(bad(undefined, 0).field).toBe("to");
  });
});

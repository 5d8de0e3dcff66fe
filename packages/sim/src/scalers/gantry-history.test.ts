import { MAX_HISTORY_PERIODS } from "@gantry/core";
import { describe, expect, it } from "vitest";
import type { Trace } from "../traces/trace.ts";
import { ArrivalRecorder, arrivalHistoryBefore } from "./gantry-history.ts";

const T = Date.parse("2026-11-01T00:00:00Z");
const MIN = 60_000;
const minute = (i: number, value: number) => ({ timestamp: T + i * MIN, value });

describe("the arrival recorder", () => {
  it("sums published 1-minute datapoints into 5-minute rates, handed over once settled", () => {
    const recorder = new ArrivalRecorder();
    recorder.record([0, 1, 2, 3, 4, 5].map((i) => minute(i, 60)));
    expect(recorder.readFrom).toBe(T + 6 * MIN);
    expect(recorder.history(T + 7 * MIN)?.arrivals).toEqual([]); // the first period's last minute is 2 min late
    expect(recorder.history(T + 8 * MIN)).toEqual({ startAt: T, periodSeconds: 300, arrivals: [1] });
    recorder.record([minute(5, 60)]); // already read: ignored
    recorder.record([minute(9, 240)]);
    expect(recorder.history(T + 13 * MIN)?.arrivals).toEqual([1, 1]); // minutes 5 and 9: 300 messages
  });

  it("continues a seeded history and keeps at most 14 days", () => {
    const seed = {
      startAt: T - 300_000 * MAX_HISTORY_PERIODS,
      periodSeconds: 300 as const,
      arrivals: Array<number>(MAX_HISTORY_PERIODS).fill(2),
    };
    const recorder = new ArrivalRecorder(seed);
    recorder.record([minute(0, 300)]);
    const history = recorder.history(T + 8 * MIN);
    expect(history?.arrivals).toHaveLength(MAX_HISTORY_PERIODS);
    expect(history?.arrivals.at(-1)).toBe(1);
    expect(history?.startAt).toBe(seed.startAt + 300_000);
  });
});

describe("the history before a slice", () => {
  const days = (n: number): Trace => ({
    name: "t",
    description: "fixture",
    bucketSeconds: 60,
    counts: Float64Array.from({ length: n * 1440 }, (_, i) => (i % 1440 < 720 ? 5 : 1)),
    startTime: "2026-11-01T00:00:00Z",
    scale: 1,
  });

  it("hands the validation part the arrivals before it, per 5 minutes", () => {
    const trace = days(3);
    const history = arrivalHistoryBefore(trace, 2 * 86_400, T + 2 * 86_400_000);
    expect(history.arrivals).toHaveLength(2 * 288);
    expect(history.startAt).toBe(T);
    expect(history.arrivals[0]).toBeCloseTo(5 / 60); // 5 a minute in the first half of each day
    expect(history.arrivals[200]).toBeCloseTo(1 / 60);
  });
});

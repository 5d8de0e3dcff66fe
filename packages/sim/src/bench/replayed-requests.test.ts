import { describe, expect, it } from "vitest";
import type { Trace } from "../traces/trace.ts";
import { replayedRequests } from "./replayed-requests.ts";

const trace = (counts: number[], bucketSeconds: 1 | 60 = 60): Trace => ({
  name: "t",
  description: "t",
  bucketSeconds,
  counts: Float64Array.from(counts),
  scale: 1,
});

describe("replayed requests", () => {
  it("draws each bucket's messages inside it, in order, with the given processing time", () => {
    const { arrivals, durations } = replayedRequests(trace([3, 0, 2]), 1.5);
    expect(arrivals).toHaveLength(5);
    expect([...arrivals].filter((t) => t < 60)).toHaveLength(3);
    expect([...arrivals].filter((t) => t >= 120 && t < 180)).toHaveLength(2);
    expect([...arrivals]).toEqual([...arrivals].sort((a, b) => a - b));
    expect([...(durations ?? [])]).toEqual(Array(5).fill(1.5));
  });

  it("is the same for the same seed and differs for another", () => {
    const counts = Array(20).fill(4);
    expect(replayedRequests(trace(counts), 1, 7).arrivals).toEqual(
      replayedRequests(trace(counts), 1, 7).arrivals,
    );
    expect(replayedRequests(trace(counts), 1, 7).arrivals).not.toEqual(
      replayedRequests(trace(counts), 1, 8).arrivals,
    );
  });

  it("keeps a request trace's own arrivals and durations, filling durations it lacks", () => {
    const arrivals = Float64Array.from([0.5, 2]);
    const withDurations = {
      ...trace([1, 1], 1),
      requests: { arrivals, durations: Float64Array.from([3, 4]) },
    };
    expect(replayedRequests(withDurations, 1).durations).toEqual(Float64Array.from([3, 4]));
    const without = { ...trace([1, 1], 1), requests: { arrivals } };
    expect(replayedRequests(without, 2)).toEqual({ arrivals, durations: Float64Array.from([2, 2]) });
  });
});

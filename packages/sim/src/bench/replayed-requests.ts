// The messages a seeded run replays, as request-level data: what the clairvoyant reference schedules on bucket
// traces, so that it plans for the very arrivals the scalers were scored on.
import { TraceFeed } from "../account/arrival-feed.ts";
import { createPrng, streamSeed } from "../account/prng.ts";
import type { Trace, TraceRequests } from "../traces/trace.ts";
import { totalCount } from "../traces/trace.ts";

/**
 * Arrivals (seconds from the trace start) and processing times of the first service of a run with `seed`: the
 * trace's own requests where it has them, else each bucket's arrivals drawn as the simulator draws them (its
 * arrival stream 0), every message taking `processingSeconds`.
 */
export function replayedRequests(trace: Trace, processingSeconds: number, seed = 0): TraceRequests {
  if (trace.requests) {
    const { arrivals, durations } = trace.requests;
    return { arrivals, durations: durations ?? new Float64Array(arrivals.length).fill(processingSeconds) };
  }
  // Each bucket draws ⌊c⌋ or ⌊c⌋ + 1 messages: the total plus one per bucket bounds the array.
  const arrivals = new Float64Array(Math.ceil(totalCount(trace)) + trace.counts.length);
  const feed = new TraceFeed(trace, 0, processingSeconds * 1000, createPrng(streamSeed(seed, 0)));
  let n = 0;
  for (; Number.isFinite(feed.nextTime); feed.advance()) arrivals[n++] = feed.nextTime / 1000;
  return { arrivals: arrivals.subarray(0, n), durations: new Float64Array(n).fill(processingSeconds) };
}

// The in-memory workload trace the simulator replays: typed arrays so that days of per-second data
// load and iterate quickly.

/** Where the source's clock jumps forward without data (NASA: the July log runs straight into August). */
export interface ClockJump {
  /** Offset (seconds from the trace start) of the first value after the jump. */
  readonly atSeconds: number;
  /** Wall-clock seconds that have no data at that point. */
  readonly skippedSeconds: number;
}

/** Request-level data: one entry per request (= one SQS message). */
export interface TraceRequests {
  /** Arrival of each request in seconds from the trace start, non-decreasing. */
  readonly arrivals: Float64Array;
  /** Processing time of each request in seconds; absent when the source has none. */
  readonly durations?: Float64Array;
}

export interface Trace {
  /** Source name, e.g. `worldcup98-per-minute`, or a generic file's base name. */
  readonly name: string;
  /** What the data is, and the slice and scale applied to it. */
  readonly description: string;
  /** Width of one bucket of `counts`. */
  readonly bucketSeconds: 1 | 60;
  /** Arrivals per bucket; bucket i covers [i, i + 1) × bucketSeconds. Fractional after a non-integer scale. */
  readonly counts: Float64Array;
  /** ISO-8601 instant of offset 0, when the source has a calendar time axis. */
  readonly startTime?: string;
  /** Forward jumps of the wall clock, by increasing `atSeconds`. */
  readonly clockJumps?: readonly ClockJump[];
  /** Per-request arrivals and durations, for request-level traces; `counts` bins these arrivals. */
  readonly requests?: TraceRequests;
  /** Suggested processing time of one request in seconds, where the source gives one (Azure). */
  readonly processingTimeSeconds?: number;
  /** Rate multiplier applied to the source (1 when unscaled). */
  readonly scale: number;
}

/** Length of the trace in seconds. */
export function traceSeconds(trace: Trace): number {
  return trace.counts.length * trace.bucketSeconds;
}

/** Total arrivals over the whole trace. */
export function totalCount(trace: Trace): number {
  let total = 0;
  for (const c of trace.counts) total += c;
  return total;
}

/** Counts per bucket of sorted arrival offsets, over at least `minBuckets` buckets and up to the last arrival. */
export function binArrivals(arrivals: Float64Array, bucketSeconds = 1, minBuckets = 0): Float64Array {
  const last = arrivals.length === 0 ? -1 : (arrivals[arrivals.length - 1] ?? 0);
  const counts = new Float64Array(Math.max(minBuckets, Math.floor(last / bucketSeconds) + 1));
  for (const t of arrivals) {
    const k = Math.floor(t / bucketSeconds);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/** Sorts arrivals (and their durations alongside) when they are out of order; a no-op copy otherwise. */
export function sortRequests(arrivals: Float64Array, durations?: Float64Array): TraceRequests {
  let sorted = true;
  for (let i = 1; i < arrivals.length && sorted; i++) sorted = (arrivals[i - 1] ?? 0) <= (arrivals[i] ?? 0);
  if (sorted) return durations === undefined ? { arrivals } : { arrivals, durations };
  const order = Uint32Array.from(arrivals.keys()).sort(
    (a, b) => (arrivals[a] ?? 0) - (arrivals[b] ?? 0) || a - b,
  );
  const byOrder = (values: Float64Array): Float64Array => Float64Array.from(order, (i) => values[i] ?? 0);
  return durations === undefined
    ? { arrivals: byOrder(arrivals) }
    : { arrivals: byOrder(arrivals), durations: byOrder(durations) };
}

/** The mean processing time of a message: per-request durations when the trace has them, else `fallback`. */
export function averageProcessingSeconds(trace: Trace, fallback: number): number {
  const durations = trace.requests?.durations;
  if (durations === undefined || durations.length === 0) return fallback;
  let total = 0;
  for (const d of durations) total += d;
  return total > 0 ? total / durations.length : fallback;
}

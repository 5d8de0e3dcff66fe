// Multiplying a trace's rates by a factor F.
//
// Counts traces: every bucket count × F (fractional counts are kept; the simulator decides how to
// realise them). Request traces: each request is replicated ⌊F⌋ times, plus once more when a seeded hash
// of (seed, request index) falls below F − ⌊F⌋. The choice depends only on the seed and the request's
// index in the source, so a given seed always gives the same requests, and slicing before or after
// scaling keeps the same ones. Copies share the original's arrival and duration.
import { ValidationError } from "@gantry/core";
import { binArrivals, type Trace, type TraceRequests } from "./trace.ts";

export interface ScaleOptions {
  /** Rate multiplier F > 0. */
  readonly factor: number;
  /** Seed of the choice of fractional copies, an integer in [0, 2^32); default 0. */
  readonly seed?: number;
  /** Index in the source of the trace's first request (non-zero when the trace is a slice). */
  readonly firstIndex?: number;
}

/** Upper bound on requests after scaling: two Float64Arrays of this length take 800 MB. */
export const MAX_SCALED_REQUESTS = 50_000_000;

export function checkScaleOptions(factor: unknown, seed: unknown): void {
  if (typeof factor !== "number" || !Number.isFinite(factor) || factor <= 0) {
    throw new ValidationError(`scale ${String(factor)} must be a finite number > 0`, "scale");
  }
  if (
    seed !== undefined &&
    (!Number.isInteger(seed) || (seed as number) < 0 || (seed as number) >= 2 ** 32)
  ) {
    throw new ValidationError(`seed ${String(seed)} must be an integer in [0, 2^32)`, "seed");
  }
}

/** murmur3's 32-bit finaliser: a well-mixed hash of a 32-bit integer. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A uniform value in [0, 1) determined by the seed and the index alone. */
export function unitHash(seed: number, index: number): number {
  return mix32(mix32(seed + 0x9e3779b9) ^ mix32(index)) / 2 ** 32;
}

function scaleRequests(requests: TraceRequests, options: ScaleOptions): TraceRequests {
  const { factor, seed = 0, firstIndex = 0 } = options;
  const whole = Math.floor(factor);
  const fraction = factor - whole;
  const n = requests.arrivals.length;
  const copies = new Uint32Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const count = whole + (fraction > 0 && unitHash(seed, firstIndex + i) < fraction ? 1 : 0);
    copies[i] = count;
    total += count;
  }
  if (total > MAX_SCALED_REQUESTS) {
    throw new ValidationError(
      `scale ${factor} makes ${total} requests, over ${MAX_SCALED_REQUESTS}`,
      "scale",
    );
  }
  const replicate = (values: Float64Array): Float64Array => {
    const out = new Float64Array(total);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const next = k + (copies[i] ?? 0);
      out.fill(values[i] ?? 0, k, next);
      k = next;
    }
    return out;
  };
  const arrivals = replicate(requests.arrivals);
  return requests.durations === undefined
    ? { arrivals }
    : { arrivals, durations: replicate(requests.durations) };
}

export function scaleTrace(trace: Trace, options: ScaleOptions): Trace {
  checkScaleOptions(options.factor, options.seed);
  const { factor, seed = 0 } = options;
  if (factor === 1) return trace;
  const seeded = trace.requests !== undefined && !Number.isInteger(factor) ? ` (seed ${seed})` : "";
  const scaled = {
    ...trace,
    scale: trace.scale * factor,
    description: `${trace.description}; scale ×${factor}${seeded}`,
  };
  if (trace.requests === undefined) return { ...scaled, counts: trace.counts.map((c) => c * factor) };
  const requests = scaleRequests(trace.requests, options);
  return {
    ...scaled,
    requests,
    counts: binArrivals(requests.arrivals, trace.bucketSeconds, trace.counts.length),
  };
}

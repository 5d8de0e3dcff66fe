// Turns a trace into a time-ordered stream of message arrivals.
//
// Request traces give exact arrival offsets (and maybe per-request processing times). Bucket traces give a
// possibly fractional count per bucket: the bucket's integer count is ⌊c⌋ plus one more with probability
// c − ⌊c⌋, and its arrivals are spread uniformly over the bucket, all drawn from the seeded stream.
import type { Trace } from "../traces/trace.ts";
import type { Prng } from "./prng.ts";

/** Arrivals in time order. Read `nextTime`/`nextDurationMs`, then `advance()` to consume. */
export interface ArrivalFeed {
  /** Epoch ms of the next arrival; Infinity when the feed is exhausted. */
  readonly nextTime: number;
  /** Processing time of the next arrival's message, ms. */
  readonly nextDurationMs: number;
  advance(): void;
}

/** Replays a trace from `startMs`; `durationMs` applies to messages the trace gives no duration for. */
export class TraceFeed implements ArrivalFeed {
  nextTime = Number.POSITIVE_INFINITY;
  nextDurationMs: number;
  readonly #trace: Trace;
  readonly #startMs: number;
  readonly #durationMs: number;
  readonly #random: Prng;
  #index = -1;
  // Bucket mode: the current bucket's sorted arrival times.
  #bucket = -1;
  #buffer = new Float64Array(64);
  #count = 0;

  constructor(trace: Trace, startMs: number, durationMs: number, random: Prng) {
    this.#trace = trace;
    this.#startMs = startMs;
    this.#durationMs = durationMs;
    this.nextDurationMs = durationMs;
    this.#random = random;
    this.advance();
  }

  advance(): void {
    this.#index++;
    if (this.#trace.requests === undefined) this.#advanceBucket();
    else this.#advanceRequest();
  }

  #advanceRequest(): void {
    const { arrivals, durations } = this.#trace.requests ?? { arrivals: new Float64Array(0) };
    const i = this.#index;
    if (i >= arrivals.length) {
      this.nextTime = Number.POSITIVE_INFINITY;
      return;
    }
    this.nextTime = this.#startMs + (arrivals[i] as number) * 1000;
    this.nextDurationMs = durations === undefined ? this.#durationMs : (durations[i] as number) * 1000;
  }

  #advanceBucket(): void {
    while (this.#index >= this.#count) {
      if (!this.#fillNextBucket()) {
        this.nextTime = Number.POSITIVE_INFINITY;
        return;
      }
    }
    this.nextTime = this.#buffer[this.#index] as number;
  }

  /** Draws the next bucket's arrivals; false when the trace is over. */
  #fillNextBucket(): boolean {
    const { counts, bucketSeconds } = this.#trace;
    if (++this.#bucket >= counts.length) return false;
    const c = counts[this.#bucket] as number;
    this.#index = 0;
    this.#count = 0;
    if (!(c > 0)) return true;
    const whole = Math.floor(c);
    const n = whole + (c > whole && this.#random() < c - whole ? 1 : 0);
    if (n > this.#buffer.length) this.#buffer = new Float64Array(Math.max(n, 2 * this.#buffer.length));
    const bucketMs = bucketSeconds * 1000;
    const from = this.#startMs + this.#bucket * bucketMs;
    for (let k = 0; k < n; k++) this.#buffer[k] = from + this.#random() * bucketMs;
    this.#buffer.subarray(0, n).sort();
    this.#count = n;
    return true;
  }
}

// What GetQueueAttributes reports. SQS counts are approximate and eventually consistent, so the model
// answers with the exact counts as they were `lagSeconds` ago (at the latest sample tick then), optionally
// scaled by a seeded uniform error in ±noise (off by default). With lag 0 the answer is exact and current.
import type { QueueDepth } from "@gantry/core";
import type { Prng } from "./prng.ts";

export interface AttributeOptions {
  readonly lagSeconds: number;
  /** Relative error bound, e.g. 0.05 for ±5 %; 0 for none. */
  readonly noise: number;
}

export class QueueAttributes {
  readonly #lagMs: number;
  readonly #noise: number;
  readonly #random: Prng;
  // Ring of recent samples: time, visible, in flight, delayed.
  readonly #ring: Float64Array;
  readonly #slots: number;
  #count = 0;

  constructor(options: AttributeOptions, sampleMs: number, random: Prng) {
    this.#lagMs = options.lagSeconds * 1000;
    this.#noise = options.noise;
    this.#random = random;
    this.#slots = Math.ceil(this.#lagMs / sampleMs) + 2;
    this.#ring = new Float64Array(this.#slots * 4);
  }

  record(now: number, visible: number, inFlight: number, delayed: number): void {
    const at = (this.#count++ % this.#slots) * 4;
    const ring = this.#ring;
    ring[at] = now;
    ring[at + 1] = visible;
    ring[at + 2] = inFlight;
    ring[at + 3] = delayed;
  }

  /** The reported depth at `now`; `exact` gives the current counts (used when lag is 0). */
  read(now: number, exact: QueueDepth): QueueDepth {
    const sample = this.#lagMs === 0 ? exact : this.#lagged(now - this.#lagMs);
    if (this.#noise === 0) return sample;
    return {
      visible: this.#perturb(sample.visible),
      inFlight: this.#perturb(sample.inFlight),
      delayed: this.#perturb(sample.delayed),
    };
  }

  /** The latest sample at or before `at`; the oldest kept when none is that old (zeros before any). */
  #lagged(at: number): QueueDepth {
    const ring = this.#ring;
    let found = -1;
    for (let n = this.#count - 1; n >= Math.max(0, this.#count - this.#slots); n--) {
      found = (n % this.#slots) * 4;
      if ((ring[found] as number) <= at) break;
    }
    if (found < 0) return { visible: 0, inFlight: 0, delayed: 0 };
    return {
      visible: ring[found + 1] as number,
      inFlight: ring[found + 2] as number,
      delayed: ring[found + 3] as number,
    };
  }

  #perturb(value: number): number {
    return Math.max(0, Math.round(value * (1 + this.#noise * (2 * this.#random() - 1))));
  }
}

import { createPrng, type Prng } from "@gantry/sim";

/** Emulated network and service time per AWS call: uniform in [minMs, maxMs], from a seeded stream. */
export class Latency {
  /** Off while the bench sets up its fleet, so seeding 10,000 targets takes no simulated network time. */
  enabled = true;
  readonly minMs: number;
  readonly maxMs: number;
  readonly #random: Prng;

  constructor(seed: number, minMs = 20, maxMs = 50) {
    this.#random = createPrng(seed);
    this.minMs = minMs;
    this.maxMs = maxMs;
  }

  next(): number {
    if (!this.enabled) return 0;
    return this.minMs + (this.maxMs - this.minMs) * this.#random();
  }
}

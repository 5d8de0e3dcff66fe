// The Lambda side's clock: simulated epoch ms that run with real time, plus the waits it skipped. In real mode
// every wait is a real timer (the measured pass). In warp mode (warm-up, the simulated hour) a wait only
// registers a timer, and `run` jumps the clock to the earliest timer whenever nothing else can progress: the
// pass takes the simulated time it would take (its CPU time plus its waits) without waiting for it.
import type { Clock } from "@gantry/core";

interface Timer {
  at: number;
  resolve: () => void;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const realDelay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class BenchClock implements Clock {
  /** Wait on work outside this process (the emulated AWS answering) before jumping the clock. */
  busy: () => Promise<void> | undefined = () => undefined;
  #warp = false;
  #timers: Timer[] = [];
  readonly #origin: number;
  readonly #realOrigin = performance.now();
  #skipped = 0;

  constructor(startMs: number) {
    this.#origin = startMs;
  }

  /** Whole epoch ms, as the Clock port promises. */
  now(): number {
    return Math.floor(this.#origin + (performance.now() - this.#realOrigin) + this.#skipped);
  }

  /** Waits `ms` of simulated time: a timer in warp mode, a real wait otherwise. */
  readonly sleep = (ms: number): Promise<void> => {
    if (!this.#warp) return realDelay(ms);
    return new Promise((resolve) => this.#timers.push({ at: this.now() + ms, resolve }));
  };

  /** Moves the clock forward without waiting (between passes). */
  skip(ms: number): void {
    this.#skipped += Math.max(0, ms);
  }

  /** Runs `work` without letting simulated time pass (the simulator's own work, outside the Lambda). */
  async paused<T>(work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.#skipped -= performance.now() - started;
    }
  }

  /** Runs `work` in warp mode, driving its timers until it settles. */
  async warp<T>(work: () => Promise<T>): Promise<T> {
    this.#warp = true;
    let settled = false;
    const done = work().finally(() => {
      settled = true;
    });
    done.catch(() => {});
    try {
      while (!settled) await this.#step(() => settled);
      return await done;
    } finally {
      this.#warp = false;
      for (const timer of this.#timers.splice(0)) timer.resolve();
    }
  }

  /** Lets everything runnable run; then, if the work is still waiting, fires the earliest timer. */
  async #step(settled: () => boolean): Promise<void> {
    await turn();
    await turn();
    if (settled()) return;
    const outside = this.busy();
    if (outside) return outside;
    const timer = this.#earliest();
    // Waiting on a real timer of its own (the SDK's retry backoff): let real time pass.
    if (!timer) return realDelay(1);
    const now = this.now();
    if (timer.at > now) this.#skipped += timer.at - now;
    timer.resolve();
  }

  #earliest(): Timer | undefined {
    if (this.#timers.length === 0) return undefined;
    let best = 0;
    for (let i = 1; i < this.#timers.length; i++) {
      if ((this.#timers[i] as Timer).at < (this.#timers[best] as Timer).at) best = i;
    }
    return this.#timers.splice(best, 1)[0];
  }
}

// The Lambda side's clock: simulated epoch ms that run with real time, plus the waits it skipped. In real mode
// every wait is a real timer (the measured pass). In warp mode (warm-up, the simulated hour) a wait only
// registers a timer, and `run` jumps the clock to the earliest timer whenever nothing else can progress: the
// pass takes the simulated time it would take (its CPU time plus its waits) without waiting for it.
import type { Clock } from "@gantry/core";

/** Work outside this process (the emulated AWS answering) that the warped clock must not run ahead of. */
export interface OutsideWork {
  /** Settles when nothing is in flight; undefined when nothing is. */
  idle(): Promise<void> | undefined;
  /** When only SDK calls are in flight: no timer of theirs lands before this. Undefined otherwise. */
  horizon(): number | undefined;
  /** In warp mode requests are held back and sent together when the clock needs answers. */
  hold(on: boolean): void;
  flush(): void;
}

interface Timer {
  at: number;
  resolve: () => void;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const realDelay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class BenchClock implements Clock {
  outside: OutsideWork = { idle: () => undefined, horizon: () => undefined, hold: () => {}, flush: () => {} };
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

  /** Takes back `ms` of real time the bench itself spent (reading the metered logs), as `paused` does. */
  discount(ms: number): void {
    this.#skipped -= ms;
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
    this.outside.hold(true);
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
      this.outside.hold(false);
      for (const timer of this.#timers.splice(0)) timer.resolve();
    }
  }

  /**
   * Lets everything runnable run; then, if the work is still waiting, fires the earliest timer, unless an
   * answer still in flight could set an earlier one: then it waits for the answers first.
   */
  async #step(settled: () => boolean): Promise<void> {
    await turn();
    await turn();
    if (settled()) return;
    const timer = this.#earliest();
    const waiting = this.outside.idle();
    const horizon = this.outside.horizon();
    const safe =
      timer !== undefined && (waiting === undefined || (horizon !== undefined && timer.at <= horizon));
    if (timer && safe) {
      this.#timers.splice(this.#timers.indexOf(timer), 1);
      const now = this.now();
      if (timer.at > now) this.#skipped += timer.at - now;
      timer.resolve();
      return;
    }
    if (waiting) {
      this.outside.flush();
      return waiting;
    }
    // Waiting on a real timer of its own (the SDK's retry backoff): let real time pass.
    return realDelay(1);
  }

  #earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.#timers) if (best === undefined || timer.at < best.at) best = timer;
    return best;
  }
}

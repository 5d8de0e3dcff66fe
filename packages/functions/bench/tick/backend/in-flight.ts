/**
 * The SDK calls waiting for the emulated AWS, by the simulated time they started. A call's latency timer lands
 * at its start + its latency, never before start + the least latency: until the earliest such `horizon`, the
 * warped clock may fire the timers it has without waiting for the answers.
 */
export class InFlightCalls {
  readonly #started = new Map<number, number>();
  readonly #minLatencyMs: number;
  #next = 0;

  constructor(minLatencyMs: number) {
    this.#minLatencyMs = minLatencyMs;
  }

  get size(): number {
    return this.#started.size;
  }

  begin(startedAt: number): number {
    const id = this.#next++;
    this.#started.set(id, startedAt);
    return id;
  }

  end(id: number): void {
    this.#started.delete(id);
  }

  /** No timer from a call in flight can land before this; undefined when none is in flight. */
  horizon(): number | undefined {
    if (this.#started.size === 0) return undefined;
    let earliest = Number.POSITIVE_INFINITY;
    for (const at of this.#started.values()) earliest = Math.min(earliest, at);
    // Minus 1: the clock counts whole milliseconds.
    return earliest + this.#minLatencyMs - 1;
  }
}

// Queueing delay of every processed message (start of processing − arrival), kept exactly so that
// percentiles are exact; 8 bytes a message.

export interface WaitSummary {
  readonly p50WaitS: number;
  readonly p99WaitS: number;
  readonly maxWaitS: number;
  /** Waits ≤ the SLO among `count`. */
  readonly withinSlo: number;
  readonly count: number;
}

/** Nearest-rank percentile of sorted values; 0 when there are none. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export class WaitLog {
  #waits = new Float64Array(1024);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  /** Records a wait in seconds. */
  push(seconds: number): void {
    if (this.#length === this.#waits.length) {
      const grown = new Float64Array(this.#waits.length * 2);
      grown.set(this.#waits);
      this.#waits = grown;
    }
    this.#waits[this.#length++] = seconds;
  }

  /** Over the waits recorded at positions [from, to) (in the order they were pushed); all by default. */
  summarize(sloSeconds: number, from = 0, to = this.#length): WaitSummary {
    const sorted = this.#waits.slice(from, to).sort();
    let withinSlo = 0;
    for (const w of sorted) {
      if (w > sloSeconds) break;
      withinSlo++;
    }
    return {
      p50WaitS: percentile(sorted, 50),
      p99WaitS: percentile(sorted, 99),
      maxWaitS: sorted.length === 0 ? 0 : (sorted[sorted.length - 1] as number),
      withinSlo,
      count: sorted.length,
    };
  }
}

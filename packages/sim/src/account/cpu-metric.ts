// ECS CPUUtilization of one service (AWS/ECS, ClusterName + ServiceName): per sample tick, busy worker slots ÷
// running slots × 100; a minute's Average/Sum/SampleCount/Minimum/Maximum is published `delaySeconds` after
// the minute ends, like the other ECS metrics. Minutes without a running task have no datapoint.
import type { Datapoint } from "@gantry/core";
import type { Statistic } from "./cloudwatch-store.ts";
import { FloatColumn } from "./float-column.ts";

export class CpuMetric {
  readonly #delayMs: number;
  readonly #minute = new FloatColumn();
  readonly #sum = new FloatColumn();
  readonly #count = new FloatColumn();
  readonly #min = new FloatColumn();
  readonly #max = new FloatColumn();
  #current = Number.NaN;
  #acc = { sum: 0, count: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };

  constructor(delaySeconds: number) {
    this.#delayMs = delaySeconds * 1000;
  }

  /** A sample at `now`; `slots` = 0 (no running task) records nothing. */
  sample(now: number, busySlots: number, slots: number): void {
    const minute = Math.floor(now / 60_000);
    if (minute !== this.#current) this.#close(minute);
    if (slots <= 0) return;
    const value = (100 * busySlots) / slots;
    const a = this.#acc;
    a.sum += value;
    a.count += 1;
    a.min = Math.min(a.min, value);
    a.max = Math.max(a.max, value);
  }

  /** Published datapoints with timestamps in [from, to), one per period (a multiple of 60 s), oldest first. */
  query(stat: Statistic, range: { from: number; to: number; now: number; periodMs: number }): Datapoint[] {
    const out: Datapoint[] = [];
    let period = Number.NaN;
    let acc = { sum: 0, count: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
    for (let k = 0; k < this.#minute.length; k++) {
      const timestamp = this.#minute.get(k) * 60_000;
      if (timestamp < range.from) continue;
      if (timestamp >= range.to || timestamp + 60_000 + this.#delayMs > range.now) break;
      const start = timestamp - (timestamp % range.periodMs);
      if (start !== period) {
        if (acc.count > 0) out.push({ timestamp: period, value: statValue(stat, acc) });
        period = start;
        acc = { sum: 0, count: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
      }
      acc.sum += this.#sum.get(k);
      acc.count += this.#count.get(k);
      acc.min = Math.min(acc.min, this.#min.get(k));
      acc.max = Math.max(acc.max, this.#max.get(k));
    }
    if (acc.count > 0) out.push({ timestamp: period, value: statValue(stat, acc) });
    return out;
  }

  /** The exact average of each closed minute (for charts), by epoch minute start. */
  minuteAverages(): Map<number, number> {
    const out = new Map<number, number>();
    for (let k = 0; k < this.#minute.length; k++) {
      out.set(this.#minute.get(k) * 60_000, this.#sum.get(k) / this.#count.get(k));
    }
    return out;
  }

  #close(next: number): void {
    const a = this.#acc;
    if (a.count > 0) {
      this.#minute.push(this.#current);
      this.#sum.push(a.sum);
      this.#count.push(a.count);
      this.#min.push(a.min);
      this.#max.push(a.max);
    }
    this.#current = next;
    this.#acc = { sum: 0, count: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
  }
}

function statValue(stat: Statistic, a: { sum: number; count: number; min: number; max: number }): number {
  switch (stat) {
    case "Average":
      return a.sum / a.count;
    case "Sum":
      return a.sum;
    case "SampleCount":
      return a.count;
    case "Minimum":
      return a.min;
    case "Maximum":
      return a.max;
  }
}

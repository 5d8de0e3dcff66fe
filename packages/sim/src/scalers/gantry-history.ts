// The arrival history Gantry's predictive pre-scaling reads: what the runtime would get from CloudWatch
// (NumberOfMessagesSent, Sum, 5-minute periods over up to 14 days), built here from the simulated account's
// 1-minute datapoints as they are published, and optionally seeded with the days before the run.
import {
  type ArrivalHistory,
  type Datapoint,
  HISTORY_PERIOD_SECONDS,
  MAX_HISTORY_PERIODS,
} from "@gantry/core";
import type { Trace } from "../traces/trace.ts";

const PERIOD_MS = HISTORY_PERIOD_SECONDS * 1000;
/** A period is handed over once its last minute is published (1 minute + CloudWatch's 2-minute delay). */
const SETTLE_MS = 180_000;

export class ArrivalRecorder {
  private startAt: number | undefined;
  /** Messages per second of each complete period, oldest first (the array handed to the core). */
  private readonly arrivals: number[] = [];
  /** Sums of periods not complete yet, by period index from startAt. */
  private readonly pending = new Map<number, number>();
  private since = 0;

  constructor(seed?: ArrivalHistory) {
    if (seed) {
      this.startAt = seed.startAt;
      this.arrivals.push(...seed.arrivals);
    }
  }

  /** Takes the 1-minute Sum datapoints published since the last call; returns where to read from next. */
  record(datapoints: readonly Datapoint[]): void {
    for (const point of datapoints) {
      if (point.timestamp < this.since) continue;
      this.since = point.timestamp + 60_000;
      this.startAt ??= Math.floor(point.timestamp / PERIOD_MS) * PERIOD_MS;
      const index = Math.floor((point.timestamp - this.startAt) / PERIOD_MS);
      if (index < 0) continue;
      if (index < this.arrivals.length)
        this.arrivals[index] = (this.arrivals[index] ?? 0) + point.value / HISTORY_PERIOD_SECONDS;
      else this.pending.set(index, (this.pending.get(index) ?? 0) + point.value);
    }
  }

  /** Where the next read starts (epoch ms). */
  get readFrom(): number {
    return this.since;
  }

  /** The complete periods at `now`, at most 14 days; the same array between calls (the core only reads it). */
  history(now: number): ArrivalHistory | undefined {
    if (this.startAt === undefined) return undefined;
    while (this.startAt + (this.arrivals.length + 1) * PERIOD_MS + SETTLE_MS <= now) {
      const index = this.arrivals.length;
      this.arrivals.push((this.pending.get(index) ?? 0) / HISTORY_PERIOD_SECONDS);
      this.pending.delete(index);
    }
    this.trim();
    return { startAt: this.startAt, periodSeconds: HISTORY_PERIOD_SECONDS, arrivals: this.arrivals };
  }

  private trim(): void {
    const extra = this.arrivals.length - MAX_HISTORY_PERIODS;
    if (extra <= 0 || this.startAt === undefined) return;
    this.arrivals.splice(0, extra);
    this.startAt += extra * PERIOD_MS;
    const moved = [...this.pending].map(([index, sum]) => [index - extra, sum] as const);
    this.pending.clear();
    for (const [index, sum] of moved) this.pending.set(index, sum);
  }
}

/** The 14 days of arrivals before `offsetSeconds` of a trace, as 5-minute rates ending at that offset's instant. */
export function arrivalHistoryBefore(trace: Trace, offsetSeconds: number, startMs: number): ArrivalHistory {
  const periods = Math.min(MAX_HISTORY_PERIODS, Math.floor(offsetSeconds / HISTORY_PERIOD_SECONDS));
  const arrivals: number[] = [];
  const perPeriod = HISTORY_PERIOD_SECONDS / trace.bucketSeconds;
  const first = offsetSeconds / trace.bucketSeconds - periods * perPeriod;
  for (let p = 0; p < periods; p++) {
    let sum = 0;
    for (let i = first + p * perPeriod; i < first + (p + 1) * perPeriod; i++) sum += trace.counts[i] ?? 0;
    arrivals.push(sum / HISTORY_PERIOD_SECONDS);
  }
  return { startAt: startMs - periods * PERIOD_MS, periodSeconds: HISTORY_PERIOD_SECONDS, arrivals };
}

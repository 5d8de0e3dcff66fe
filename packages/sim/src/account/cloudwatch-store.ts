// CloudWatch for one service and its queue: 1-minute aggregates of per-tick samples, each published late.
//
// - Gauges (ApproximateNumberOf…, RunningTaskCount) are sampled at every tick of the minute [m, m + 60 s).
// - NumberOfMessagesSent gets one sample per tick interval: the messages sent in [tick, tick + step), in
//   the minute of `tick`.
// - A minute's datapoint is published at m + 60 s + delaySeconds.
// - Wake rule for the SQS metrics (AWS: "up to 15 minutes late when a queue wakes"): when a send reaches a
//   queue inactive for wakeIdleSeconds (sqs-queue.ts), every SQS datapoint not yet published at that moment
//   is published no earlier than wake + wakeDelaySeconds (metrics resume then, with the minutes between
//   backfilled). ECS metrics are unaffected. Publication times stay non-decreasing, so the published
//   minutes are always a prefix.
import type { Datapoint } from "@gantry/core";
import type { SimMetricName } from "../scalers/scaler.ts";
import { FloatColumn } from "./float-column.ts";

export const METRICS: readonly SimMetricName[] = [
  "ApproximateNumberOfMessagesVisible",
  "ApproximateNumberOfMessagesNotVisible",
  "ApproximateNumberOfMessagesDelayed",
  "NumberOfMessagesSent",
  "RunningTaskCount",
];
const RUNNING_TASKS = 4;
const SENT = 3;
// Per metric and minute: Sum, SampleCount, Minimum, Maximum.
const STATS = 4;
const STRIDE = METRICS.length * STATS;

export type Statistic = "Average" | "Sum" | "SampleCount" | "Minimum" | "Maximum";
export const STATISTICS: readonly Statistic[] = ["Average", "Sum", "SampleCount", "Minimum", "Maximum"];

/** The statistic a scaler sees for each metric (ScalerView.cloudwatch). */
export function defaultStatistic(metric: SimMetricName): Statistic {
  return metric === "NumberOfMessagesSent" ? "Sum" : "Average";
}

export interface CloudWatchTiming {
  readonly delaySeconds: number;
  readonly wakeDelaySeconds: number;
}

export class CloudWatchStore {
  readonly #timing: CloudWatchTiming;
  /** Epoch minute of index 0. */
  readonly #firstMinute: number;
  readonly #minutes = new FloatColumn();
  readonly #sqsPublishAt = new FloatColumn();
  readonly #current = new Float64Array(STRIDE);
  #minute: number;
  #holdUntil = Number.NEGATIVE_INFINITY;

  constructor(startMs: number, timing: CloudWatchTiming) {
    this.#timing = timing;
    this.#firstMinute = Math.floor(startMs / 60_000);
    this.#minute = this.#firstMinute;
    this.#reset();
  }

  /** Messages sent since the previous tick: a sample of the minute that is ending. */
  addSent(count: number): void {
    this.#add(SENT, count);
  }

  /** Closes the minute when `now` starts a new one; true when a minute was closed. */
  rollTo(now: number): boolean {
    const minute = Math.floor(now / 60_000);
    if (minute === this.#minute) return false;
    for (const value of this.#current) this.#minutes.push(value);
    const end = (this.#minute + 1) * 60_000;
    this.#sqsPublishAt.push(Math.max(end + this.#timing.delaySeconds * 1000, this.#holdUntil));
    this.#minute = minute;
    this.#reset();
    return true;
  }

  /** Gauge samples at `now` (after rollTo): visible, in flight, delayed, running tasks. */
  sampleGauges(visible: number, inFlight: number, delayed: number, running: number): void {
    this.#add(0, visible);
    this.#add(1, inFlight);
    this.#add(2, delayed);
    this.#add(RUNNING_TASKS, running);
  }

  /** The queue woke at `time` (see the header). */
  wake(time: number): void {
    this.#holdUntil = time + this.#timing.wakeDelaySeconds * 1000;
    const publishAt = this.#sqsPublishAt;
    for (let k = publishAt.length - 1; k >= 0 && publishAt.get(k) > time; k--) {
      publishAt.set(k, Math.max(publishAt.get(k), this.#holdUntil));
    }
  }

  /** When minute k's datapoint of `metric` is published. */
  publishedAt(metric: SimMetricName, k: number): number {
    if (metric === "RunningTaskCount") {
      return (this.#firstMinute + k + 1) * 60_000 + this.#timing.delaySeconds * 1000;
    }
    return this.#sqsPublishAt.get(k);
  }

  /**
   * Datapoints published by `now` with timestamps in [from, to), oldest first, one per period
   * (a multiple of 60 s, aligned to the epoch) that has at least one published minute.
   */
  query(
    metric: SimMetricName,
    stat: Statistic,
    range: { from: number; to: number; now: number; periodMs: number },
  ) {
    const m = METRICS.indexOf(metric);
    const out: Datapoint[] = [];
    const first = Math.max(0, Math.ceil(range.from / 60_000) - this.#firstMinute);
    const acc = new Float64Array(STATS);
    let period = Number.NaN;
    for (let k = first; k < this.#sqsPublishAt.length; k++) {
      const timestamp = (this.#firstMinute + k) * 60_000;
      if (timestamp >= range.to || this.publishedAt(metric, k) > range.now) break;
      const start = timestamp - (timestamp % range.periodMs);
      if (start !== period) {
        if (acc[1] !== 0) out.push({ timestamp: period, value: statValue(stat, acc) });
        period = start;
        acc.set([0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
      }
      mergeMinute(acc, this.#minutes, k * STRIDE + m * STATS);
    }
    if (acc[1] !== 0) out.push({ timestamp: period, value: statValue(stat, acc) });
    return out;
  }

  #add(metric: number, value: number): void {
    const c = this.#current;
    const i = metric * STATS;
    c[i] = (c[i] as number) + value;
    c[i + 1] = (c[i + 1] as number) + 1;
    if (value < (c[i + 2] as number)) c[i + 2] = value;
    if (value > (c[i + 3] as number)) c[i + 3] = value;
  }

  #reset(): void {
    for (let i = 0; i < STRIDE; i += STATS)
      this.#current.set([0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY], i);
  }
}

function mergeMinute(acc: Float64Array, minutes: FloatColumn, at: number): void {
  acc[0] = (acc[0] as number) + minutes.get(at);
  acc[1] = (acc[1] as number) + minutes.get(at + 1);
  acc[2] = Math.min(acc[2] as number, minutes.get(at + 2));
  acc[3] = Math.max(acc[3] as number, minutes.get(at + 3));
}

function statValue(stat: Statistic, acc: Float64Array): number {
  const [sum = 0, count = 0, min = 0, max = 0] = acc;
  switch (stat) {
    case "Average":
      return sum / count;
    case "Sum":
      return sum;
    case "SampleCount":
      return count;
    case "Minimum":
      return min;
    case "Maximum":
      return max;
  }
}

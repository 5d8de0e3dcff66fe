// A hand-made stand-in for the simulated account, for the scalers' fidelity tests: it serves a ScalerView with
// CloudWatch datapoints published only after a delay, and applies the counts a scaler sets.
import type { Datapoint, QueueDepth } from "@gantry/core";
import type { Scaler, ScalerMetricName, ScalerView } from "./scaler.ts";

export const MINUTE_MS = 60_000;

/** A metric's 1-minute value by minute index; it may read the world, e.g. its running log. */
export type MetricSeries = (minute: number, world: FakeWorld) => number | undefined;

export interface FakeWorldOptions {
  readonly desiredCount: number;
  /** Running tasks at the start; defaults to desiredCount. */
  readonly runningCount?: number;
  readonly startMs?: number;
  /** Live GetQueueAttributes at a time. */
  readonly queue?: (now: number) => Partial<QueueDepth>;
  /** 1-minute values by minute index (period start = minute × 60 s); undefined means no datapoint. */
  readonly metrics?: Partial<Record<ScalerMetricName, MetricSeries>>;
  /** From a period's end until its datapoint is published; default 120 s. */
  readonly publishDelayMs?: number;
  /** From a desired-count rise until the new tasks run; default 0 (at once). */
  readonly startDelayMs?: number;
  readonly deploymentInProgress?: boolean;
}

export interface Decision {
  readonly at: number;
  readonly desired: number;
}

export class FakeWorld {
  now: number;
  desiredCount: number;
  deploymentInProgress: boolean;
  private running: number;
  private pendingStarts: number[] = [];
  private readonly runningLog: [number, number][] = [];
  private readonly options: FakeWorldOptions;

  constructor(options: FakeWorldOptions) {
    this.options = options;
    this.now = options.startMs ?? 0;
    this.desiredCount = options.desiredCount;
    this.running = options.runningCount ?? options.desiredCount;
    this.deploymentInProgress = options.deploymentInProgress ?? false;
    this.runningLog.push([this.now, this.running]);
  }

  /** When the datapoint of `minute` becomes visible through `cloudwatch()`. */
  publishedAt(minute: number): number {
    return (minute + 1) * MINUTE_MS + (this.options.publishDelayMs ?? 120_000);
  }

  /** Running count at a past instant (the default RunningTaskCount series samples it at the period start). */
  runningAt(time: number): number {
    let value = this.runningLog[0]?.[1] ?? 0;
    for (const [at, count] of this.runningLog) if (at <= time) value = count;
    return value;
  }

  advance(to: number): void {
    this.now = to;
    const started = this.pendingStarts.filter((at) => at <= to).length;
    if (started === 0) return;
    this.pendingStarts = this.pendingStarts.filter((at) => at > to);
    this.setRunning(this.running + started);
  }

  setDesired(count: number): void {
    if (count > this.desiredCount) this.launch(count - this.desiredCount);
    else this.stop(this.desiredCount - count);
    this.desiredCount = count;
  }

  view(): ScalerView {
    const { now } = this;
    const queue = this.options.queue?.(now) ?? {};
    return {
      now,
      service: {
        id: "service/fake/worker",
        desiredCount: this.desiredCount,
        runningCount: this.running,
        pendingCount: this.pendingStarts.length,
        deploymentInProgress: this.deploymentInProgress,
      },
      queue: { visible: queue.visible ?? 0, inFlight: queue.inFlight ?? 0, delayed: queue.delayed ?? 0 },
      cloudwatch: (metric, sinceMs) => this.cloudwatch(metric, sinceMs),
    };
  }

  /** Steps the scaler every intervalSeconds from now until `untilMs` (inclusive), applying what it sets. */
  run(scaler: Scaler, untilMs: number): Decision[] {
    const decisions: Decision[] = [];
    for (let at = this.now; at <= untilMs; at += scaler.intervalSeconds * 1000) {
      this.advance(at);
      const desired = scaler.step(this.view());
      if (desired === undefined) continue;
      decisions.push({ at, desired });
      this.setDesired(desired);
    }
    return decisions;
  }

  private cloudwatch(metric: ScalerMetricName, sinceMs: number): Datapoint[] {
    const series = this.options.metrics?.[metric] ?? this.defaultSeries(metric);
    const points: Datapoint[] = [];
    for (
      let minute = Math.max(0, Math.ceil(sinceMs / MINUTE_MS));
      this.publishedAt(minute) <= this.now;
      minute++
    ) {
      const value = series?.(minute, this);
      if (value !== undefined) points.push({ timestamp: minute * MINUTE_MS, value });
    }
    return points;
  }

  private defaultSeries(metric: ScalerMetricName): MetricSeries | undefined {
    if (metric !== "RunningTaskCount") return undefined;
    return (minute) => this.runningAt(minute * MINUTE_MS);
  }

  private launch(count: number): void {
    const delay = this.options.startDelayMs ?? 0;
    if (delay === 0) this.setRunning(this.running + count);
    else for (let i = 0; i < count; i++) this.pendingStarts.push(this.now + delay);
  }

  private stop(count: number): void {
    const fromPending = Math.min(count, this.pendingStarts.length);
    this.pendingStarts.splice(this.pendingStarts.length - fromPending, fromPending);
    if (count > fromPending) this.setRunning(this.running - (count - fromPending));
  }

  private setRunning(count: number): void {
    this.running = count;
    this.runningLog.push([this.now, count]);
  }
}

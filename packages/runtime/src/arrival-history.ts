// The arrival history predictive pre-scaling forecasts from (behavior.startup.predictive): the target's queue's
// AWS/SQS NumberOfMessagesSent, Sum per 5 minutes, up to 14 days. GetMetricData is priced per metric requested,
// not per datapoint, so each container keeps the history of every opted-in target in memory: a cold container
// reads the whole window once, then the last hour at most every 5 minutes (one metric each time; re-reading the
// hour corrects datapoints SQS published late). Targets that did not opt in are never read.
import {
  type ArrivalHistory,
  type Datapoint,
  firstLiveQueueOf,
  HISTORY_PERIOD_SECONDS,
  MAX_HISTORY_PERIODS,
  type MetricQuery,
  type MetricsPort,
  queueNameOf,
  type TargetConfig,
} from "@gantry/core";
import { errorInfo } from "./error-info.ts";
import type { ReconcileLogger, ReconcileMetrics } from "./reconciler-types.ts";

const PERIOD_MS = HISTORY_PERIOD_SECONDS * 1000;
/** A period is used once CloudWatch has all of it: its end plus the delay of SQS's 1-minute datapoints. */
export const SETTLE_MS = 180_000;
/** A new period settles every 5 minutes: no reason to read more often. */
export const REFRESH_MS = PERIOD_MS;
/** After a failed read: try again a minute later, not every 15-second pass (each try is a billed metric). */
export const RETRY_MS = 60_000;
/** Periods re-read by each refresh, so late datapoints replace the zeros read before them. */
const OVERLAP_PERIODS = 12;
const WINDOW_MS = MAX_HISTORY_PERIODS * PERIOD_MS;

interface Cached {
  queueName: string;
  /** Absent until a read succeeds. */
  series?: { startAt: number; arrivals: number[] };
  /** Not read again before then; the series is supplied only while this is a successful read's schedule. */
  readAt: number;
  failed: boolean;
}

interface Due {
  targetId: string;
  queueName: string;
}

/** Arrival histories of the opted-in targets, per container (see the top of this file). */
export class ArrivalHistories {
  readonly #cache = new Map<string, Cached>();

  /**
   * The history of each opted-in target among `configs`, read or refreshed when due. Never throws: a target
   * whose read failed is logged, counted (ArrivalHistoryFailures) and left out, so it decides reactively.
   */
  async read(
    configs: readonly TargetConfig[],
    port: MetricsPort,
    now: number,
    out: { log: ReconcileLogger; telemetry?: ReconcileMetrics | undefined },
  ): Promise<Map<string, ArrivalHistory>> {
    const end = Math.floor((now - SETTLE_MS) / PERIOD_MS) * PERIOD_MS;
    const full: Due[] = [];
    const recent: Due[] = [];
    for (const config of configs) {
      const due = this.#due(config, now, end);
      if (due) (this.#cache.get(due.targetId)?.series ? recent : full).push(due);
    }
    const recentFrom = Math.min(end - OVERLAP_PERIODS * PERIOD_MS, ...recent.map((d) => this.#endOf(d)));
    await Promise.all([
      this.#fetch(full, port, { start: end - WINDOW_MS, end }, now, out),
      this.#fetch(recent, port, { start: recentFrom, end }, now, out),
    ]);
    return this.#histories(configs);
  }

  /** Drops the histories of targets that no longer exist (after a full pass). */
  keepOnly(targetIds: ReadonlySet<string>): void {
    for (const id of this.#cache.keys()) if (!targetIds.has(id)) this.#cache.delete(id);
  }

  #due(config: TargetConfig, now: number, end: number): Due | undefined {
    const targetId = config.target.id;
    const queueName = config.behavior?.startup?.predictive ? historyQueueOf(config) : undefined;
    const cached = this.#cache.get(targetId);
    if (queueName === undefined || cached?.queueName !== queueName) this.#cache.delete(targetId);
    if (queueName === undefined) return undefined;
    const current = this.#cache.get(targetId);
    if (current && now < current.readAt) return undefined;
    // A history that stopped more than the window ago (an idle container) is read whole again.
    if (current?.series && this.#endOf({ targetId, queueName }) < end - WINDOW_MS) delete current.series;
    return { targetId, queueName };
  }

  #endOf(due: Due): number {
    const series = this.#cache.get(due.targetId)?.series;
    return series ? series.startAt + series.arrivals.length * PERIOD_MS : Number.POSITIVE_INFINITY;
  }

  async #fetch(
    due: readonly Due[],
    port: MetricsPort,
    range: { start: number; end: number },
    now: number,
    out: { log: ReconcileLogger; telemetry?: ReconcileMetrics | undefined },
  ): Promise<void> {
    if (due.length === 0) return;
    out.telemetry?.record("ArrivalHistoryReads", due.length, "Count");
    let data: Record<string, Datapoint[]>;
    try {
      data = await port.getMetricData(due.map(sentQuery), range);
    } catch (error) {
      const { code, message } = errorInfo(error);
      for (const d of due) this.#fail(d, now, `${code}: ${message}`, out);
      return;
    }
    due.forEach((d, index) => {
      const points = data[queryId(index)];
      if (points === undefined) this.#fail(d, now, "NumberOfMessagesSent was not answered", out);
      else this.#store(d, merged(this.#cache.get(d.targetId)?.series, range, points));
    });
  }

  /** Read again once the next period has settled, so the newest period is never more than a refresh old. */
  #store(due: Due, series: NonNullable<Cached["series"]>): void {
    const end = series.startAt + series.arrivals.length * PERIOD_MS;
    this.#cache.set(due.targetId, {
      queueName: due.queueName,
      series,
      readAt: end + REFRESH_MS + SETTLE_MS,
      failed: false,
    });
  }

  #fail(
    due: Due,
    now: number,
    why: string,
    out: { log: ReconcileLogger; telemetry?: ReconcileMetrics | undefined },
  ) {
    const series = this.#cache.get(due.targetId)?.series;
    // The series read before stays, so the next read only adds to it; it is not used until that read succeeds.
    this.#cache.set(due.targetId, {
      queueName: due.queueName,
      ...(series && { series }),
      readAt: now + RETRY_MS,
      failed: true,
    });
    out.log.warn("arrival history unread; deciding without it", { targetId: due.targetId, error: why });
    // Counted for the pass, not per target: a per-target metric is a custom metric of its own ($0.30 a month).
    out.telemetry?.record("ArrivalHistoryFailures", 1, "Count");
  }

  #histories(configs: readonly TargetConfig[]): Map<string, ArrivalHistory> {
    const result = new Map<string, ArrivalHistory>();
    for (const config of configs) {
      const cached = this.#cache.get(config.target.id);
      if (!cached?.series || cached.failed) continue;
      const { startAt, arrivals } = cached.series;
      result.set(config.target.id, { startAt, periodSeconds: HISTORY_PERIOD_SECONDS, arrivals });
    }
    return result;
  }
}

/** The queue whose arrivals are forecast: the first one a policy reads live, else an AWS/SQS metric's QueueName. */
export function historyQueueOf(config: TargetConfig): string | undefined {
  const live = firstLiveQueueOf(config.policies);
  if (live !== undefined) return queueNameOf(live);
  for (const { metric } of config.policies) {
    if (!("cloudwatch" in metric) || metric.cloudwatch.namespace !== "AWS/SQS") continue;
    const name = metric.cloudwatch.dimensions?.find((d) => d.name === "QueueName")?.value;
    if (name !== undefined) return name;
  }
  return undefined;
}

function queryId(index: number): string {
  return `h${index}`;
}

function sentQuery(due: Due, index: number): MetricQuery {
  const dimensions = [{ name: "QueueName", value: due.queueName }];
  const stat = { namespace: "AWS/SQS", metricName: "NumberOfMessagesSent", dimensions, statistic: "Sum" };
  return { id: queryId(index), stat, periodSeconds: HISTORY_PERIOD_SECONDS, returnData: true };
}

/**
 * The cached series with `range` replaced by what was read (a period with no datapoint is 0: CloudWatch omits
 * an idle queue's periods), in messages per second, trimmed to the last 14 days and ending at `range.end`.
 */
export function merged(
  old: Cached["series"],
  range: { start: number; end: number },
  points: readonly Datapoint[],
): NonNullable<Cached["series"]> {
  const startAt = Math.max(Math.min(old?.startAt ?? range.start, range.start), range.end - WINDOW_MS);
  const arrivals = new Array<number>(Math.max(0, (range.end - startAt) / PERIOD_MS)).fill(0);
  old?.arrivals.forEach((rate, i) => {
    const at = old.startAt + i * PERIOD_MS;
    if (at >= startAt && at < range.start) arrivals[(at - startAt) / PERIOD_MS] = rate;
  });
  for (const { timestamp, value } of points) {
    const k = Math.floor((timestamp - startAt) / PERIOD_MS);
    if (timestamp >= range.start && k >= 0 && k < arrivals.length) {
      arrivals[k] = (arrivals[k] ?? 0) + value / HISTORY_PERIOD_SECONDS;
    }
  }
  return { startAt, arrivals };
}

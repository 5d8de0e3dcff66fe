import { mapBounded, type SeriesSample, type SeriesStore } from "@gantry/core";
import { errorInfo } from "../error-info.ts";
import type { ReconcileLogger, ReconcileMetrics } from "../reconciler-types.ts";

const MINUTE_MS = 60_000;
/** A metric or backlog that moved less than this (relative) is not worth a write; counts always are. */
export const SERIES_TOLERANCE = 0.05;
/** Bucket writes in flight at once (each a small UpdateItem). */
const WRITE_CONCURRENCY = 16;

/**
 * Gantry's own chart history (issue K): each full pass offers every observed target's sample; a sample is kept
 * only when it differs from the last one kept (a count moved, or the metric or backlog by 5 % or more), so a
 * steady target writes nothing and the charts carry its last sample forward. Kept samples wait in per-minute
 * buckets and are written when their minute is over, or when the invocation ends (flush): one small write per
 * target-minute that moved. A failed write is logged and counted (SeriesWriteFailures) and never fails a pass:
 * the charts miss those points, the scaling does not.
 */
export class SeriesRecorder {
  readonly #store: SeriesStore;
  readonly #last = new Map<string, SeriesSample>();
  /** targetId → minute → samples not yet written. */
  readonly #buckets = new Map<string, Map<number, SeriesSample[]>>();

  constructor(store: SeriesStore) {
    this.#store = store;
  }

  offer(targetId: string, sample: SeriesSample): void {
    const last = this.#last.get(targetId);
    if (last !== undefined && !moved(last, sample)) return;
    this.#last.set(targetId, sample);
    const minute = minuteOf(sample.at);
    const buckets = this.#buckets.get(targetId) ?? new Map<number, SeriesSample[]>();
    const samples = buckets.get(minute) ?? [];
    samples.push(sample);
    buckets.set(minute, samples);
    this.#buckets.set(targetId, buckets);
  }

  /** Drops what it remembers of targets that no longer exist. */
  keepOnly(ids: ReadonlySet<string>): void {
    for (const id of this.#last.keys()) if (!ids.has(id)) this.#last.delete(id);
  }

  /** Writes the buckets of minutes before `before` (every bucket when undefined). */
  async flush(
    before: number | undefined,
    log: ReconcileLogger,
    telemetry: ReconcileMetrics | undefined,
  ): Promise<void> {
    const due = this.#take(before);
    if (due.length === 0) return;
    let failures = 0;
    await mapBounded(due, WRITE_CONCURRENCY, async ({ targetId, minute, samples }) => {
      try {
        await this.#store.appendSamples(targetId, minute, samples);
      } catch (error) {
        failures += 1;
        // Written again next time the target moves: forget the last sample so the next one is kept.
        this.#last.delete(targetId);
        log.warn("series write failed", { targetId, minute, ...errorInfo(error) });
      }
    });
    telemetry?.record("SeriesWrites", due.length - failures, "Count");
    if (failures > 0) telemetry?.record("SeriesWriteFailures", failures, "Count");
  }

  #take(before: number | undefined): { targetId: string; minute: number; samples: SeriesSample[] }[] {
    const due: { targetId: string; minute: number; samples: SeriesSample[] }[] = [];
    for (const [targetId, buckets] of this.#buckets) {
      for (const [minute, samples] of buckets) {
        if (before !== undefined && minute >= before) continue;
        due.push({ targetId, minute, samples });
        buckets.delete(minute);
      }
      if (buckets.size === 0) this.#buckets.delete(targetId);
    }
    return due;
  }
}

/** The start of the minute `at` falls in, epoch ms. */
export function minuteOf(at: number): number {
  return Math.floor(at / MINUTE_MS) * MINUTE_MS;
}

function moved(last: SeriesSample, next: SeriesSample): boolean {
  if (last.desired !== next.desired || last.running !== next.running || last.pending !== next.pending)
    return true;
  return changed(last.metric, next.metric) || changed(last.backlog, next.backlog);
}

/** A value read now after none (or the reverse), or one that moved by the tolerance or more. */
function changed(before: number | undefined, after: number | undefined): boolean {
  if (after === undefined) return false; // not read this pass: the last value stands
  if (before === undefined) return true;
  return Math.abs(after - before) > SERIES_TOLERANCE * Math.max(Math.abs(before), 1);
}

import { mapBounded, SERIES_WINDOW_MS, type SeriesSample, type SeriesStore } from "@gantry/core";
import { errorInfo } from "../error-info.ts";
import type { ReconcileLogger, ReconcileMetrics } from "../reconciler-types.ts";

/** A metric or backlog that moved less than this (relative) is not worth a write; counts always are. */
export const SERIES_TOLERANCE = 0.05;
/** Bucket writes in flight at once (each a small UpdateItem). */
const WRITE_CONCURRENCY = 16;

interface Bucket {
  samples: SeriesSample[];
  /** A count moved: written when the invocation ends rather than when the window does. */
  urgent: boolean;
}

/**
 * When buckets are written: `due`, those of windows that are over (each pass); `urgent`, those too plus the
 * current window's where a count moved (when the tick returns); `all`, every one.
 */
export type FlushMode = "due" | "urgent" | "all";

/**
 * Gantry's own chart history (issue K): each full pass offers every observed target's sample; a sample is kept
 * only when it differs from the last one kept (a count moved, or the metric or backlog by 5 % or more), so a
 * steady target writes nothing and the charts carry its last sample forward. Kept samples wait in per-window
 * buckets (5 minutes by default, SERIES_WINDOW_MS) and are written when their window is over, so a target whose
 * queue never settles costs one small write per 5 minutes; a moved task count is written when the invocation
 * ends, so the charts' counts are at most a minute behind. A container that stops loses its unwritten samples
 * (at most one window's metric and backlog). A failed write is logged and counted (SeriesWriteFailures) and
 * never fails a pass: the charts miss those points, the scaling does not.
 */
export class SeriesRecorder {
  readonly #store: SeriesStore;
  readonly #windowMs: number;
  readonly #last = new Map<string, SeriesSample>();
  /** targetId → window start → samples not yet written. */
  readonly #buckets = new Map<string, Map<number, Bucket>>();
  /** Background writes in flight (flushInBackground). */
  #writing: Promise<void> | undefined;

  constructor(store: SeriesStore, windowMs: number = SERIES_WINDOW_MS) {
    if (!(windowMs > 0 && windowMs <= SERIES_WINDOW_MS && SERIES_WINDOW_MS % windowMs === 0))
      throw new RangeError(`a series window must divide ${SERIES_WINDOW_MS} ms`);
    this.#store = store;
    this.#windowMs = windowMs;
  }

  offer(targetId: string, sample: SeriesSample): void {
    const last = this.#last.get(targetId);
    if (last !== undefined && !moved(last, sample)) return;
    this.#last.set(targetId, sample);
    const window = this.#windowOf(sample.at);
    const buckets = this.#buckets.get(targetId) ?? new Map<number, Bucket>();
    const bucket = buckets.get(window) ?? { samples: [], urgent: false };
    bucket.samples.push(sample);
    bucket.urgent ||= last === undefined || countsMoved(last, sample);
    buckets.set(window, bucket);
    this.#buckets.set(targetId, buckets);
  }

  /** Drops what it remembers of targets that no longer exist (capacity groups' samples are the stage's). */
  keepOnly(ids: ReadonlySet<string>): void {
    for (const id of this.#last.keys())
      if (!ids.has(id) && !id.startsWith("capacity/")) this.#last.delete(id);
  }

  /**
   * Starts writing what `mode` says is due at `now`, without waiting: at a window's end thousands of targets may
   * be due, and a pass must not wait for their writes. One batch at a time; the next pass takes what is left.
   */
  flushInBackground(
    now: number,
    mode: FlushMode,
    log: ReconcileLogger,
    telemetry: ReconcileMetrics | undefined,
  ): void {
    if (this.#writing) return;
    this.#writing = this.#write(now, mode, log, telemetry).finally(() => {
      this.#writing = undefined;
    });
  }

  /** Waits for the writes in flight, then writes what `mode` says is due at `now` (the tick, before it returns). */
  async flush(
    now: number,
    mode: FlushMode,
    log: ReconcileLogger,
    telemetry: ReconcileMetrics | undefined,
  ): Promise<void> {
    await this.#writing;
    await this.#write(now, mode, log, telemetry);
  }

  async #write(
    now: number,
    mode: FlushMode,
    log: ReconcileLogger,
    telemetry: ReconcileMetrics | undefined,
  ): Promise<void> {
    const due = this.#take(this.#windowOf(now), mode);
    if (due.length === 0) return;
    let failures = 0;
    await mapBounded(due, WRITE_CONCURRENCY, async ({ targetId, window, samples }) => {
      try {
        await this.#store.appendSamples(targetId, window, samples);
      } catch (error) {
        failures += 1;
        // Written again next time the target moves: forget the last sample so the next one is kept.
        this.#last.delete(targetId);
        log.warn("series write failed", { targetId, window, ...errorInfo(error) });
      }
    });
    telemetry?.record("SeriesWrites", due.length - failures, "Count");
    if (failures > 0) telemetry?.record("SeriesWriteFailures", failures, "Count");
  }

  #windowOf(at: number): number {
    return Math.floor(at / this.#windowMs) * this.#windowMs;
  }

  #take(current: number, mode: FlushMode) {
    const due: { targetId: string; window: number; samples: SeriesSample[] }[] = [];
    for (const [targetId, buckets] of this.#buckets) {
      for (const [window, bucket] of buckets) {
        const over = window < current;
        if (!over && mode === "due") continue;
        if (!over && mode === "urgent" && !bucket.urgent) continue;
        due.push({ targetId, window, samples: bucket.samples });
        buckets.delete(window);
      }
      if (buckets.size === 0) this.#buckets.delete(targetId);
    }
    return due;
  }
}

function countsMoved(last: SeriesSample, next: SeriesSample): boolean {
  return (
    last.desired !== next.desired ||
    last.running !== next.running ||
    last.pending !== next.pending ||
    last.draining !== next.draining ||
    last.protected !== next.protected
  );
}

function moved(last: SeriesSample, next: SeriesSample): boolean {
  if (countsMoved(last, next)) return true;
  return changed(last.metric, next.metric) || changed(last.backlog, next.backlog);
}

/** A value read now after none (or the reverse), or one that moved by the tolerance or more. */
function changed(before: number | undefined, after: number | undefined): boolean {
  if (after === undefined) return false; // not read this pass: the last value stands
  if (before === undefined) return true;
  return Math.abs(after - before) > SERIES_TOLERANCE * Math.max(Math.abs(before), 1);
}

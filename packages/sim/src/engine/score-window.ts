// The figures of one window of a run, from the run's cumulative counters at its two ends. A window that ends
// at `to` reads exactly as a run cut there would (waits of the messages processed so far, plus the ones queued
// past the SLO at that moment); one that starts at `from` bills only what happens after it, with the fleet and
// the scaler's memory carried over from before (as in production, where history exists).
import type { SimService } from "../account/sim-service.ts";

/** Cumulative counters of a run at one instant. */
export interface RunCounters {
  readonly atMs: number;
  readonly sent: number;
  readonly waits: number;
  readonly taskMs: number;
  readonly servedWorkMs: number;
  readonly launches: number;
  readonly relaunches: number;
}

/** The SLO and cost figures of a window, or of a whole run. */
export interface WindowFigures {
  /** Messages that arrived in the window. */
  readonly messages: number;
  readonly withinSloPct: number;
  readonly p50WaitS: number;
  readonly p99WaitS: number;
  readonly maxWaitS: number;
  readonly taskSeconds: number;
  /**
   * The true floor of cost: Σ processing seconds of the messages processed to the end, ÷ the messages a task
   * works at once (task-seconds of pure work; no scaler can bill less for the same messages).
   */
  readonly workTaskSeconds: number;
  /** taskSeconds ÷ workTaskSeconds (≥ 1 for every scaler); null when no message was processed. */
  readonly workRatio: number | null;
  /** Tasks started (warm-started ones included). */
  readonly launches: number;
  /** Launches that replace a task stopped in the previous 3 minutes (each stop matched once; launch-log.ts). */
  readonly relaunchesWithin3Min: number;
  /** relaunchesWithin3Min as % of launches; 0 when there were none. */
  readonly relaunchesWithin3MinPct: number;
}

export function readCounters(service: SimService, atMs: number): RunCounters {
  const { tasks, waits } = service.ecs;
  return {
    atMs,
    sent: service.queue.sent,
    waits: waits.length,
    taskMs: tasks.taskMs(atMs),
    servedWorkMs: tasks.servedWorkMs,
    launches: tasks.launchLog.launches,
    relaunches: tasks.launchLog.relaunches,
  };
}

/** Messages not yet processed at `now` that have waited longer than `limitMs` (in flight: before start). */
export function countOverdue(service: SimService, now: number, limitMs: number): number {
  const { visible, delayed } = service.queue;
  let count = service.ecs.tasks.countInFlightWaitingOver(limitMs);
  for (const deque of [visible, delayed]) {
    for (let i = 0; i < deque.length; i++) if (now - deque.arrivalAt(i) > limitMs) count++;
  }
  return count;
}

/**
 * The window [from, to): `overdue` are the messages still queued at `to` past the SLO, counted as misses.
 * Within SLO: processed messages with wait ≤ SLO, as % of processed ones plus the overdue; 100 when none.
 */
export function scoreWindow(
  service: SimService,
  window: { from: RunCounters; to: RunCounters; overdue: number; sloSeconds: number },
): WindowFigures {
  const { from, to, overdue, sloSeconds } = window;
  const summary = service.ecs.waits.summarize(sloSeconds, from.waits, to.waits);
  const judged = summary.count + overdue;
  const taskSeconds = (to.taskMs - from.taskMs) / 1000;
  const workTaskSeconds = (to.servedWorkMs - from.servedWorkMs) / 1000 / service.ecs.tasks.concurrency;
  const launches = to.launches - from.launches;
  const relaunches = to.relaunches - from.relaunches;
  return {
    messages: to.sent - from.sent,
    withinSloPct: judged === 0 ? 100 : (100 * summary.withinSlo) / judged,
    p50WaitS: summary.p50WaitS,
    p99WaitS: summary.p99WaitS,
    maxWaitS: summary.maxWaitS,
    taskSeconds,
    workTaskSeconds,
    workRatio: workTaskSeconds > 0 ? taskSeconds / workTaskSeconds : null,
    launches,
    relaunchesWithin3Min: relaunches,
    relaunchesWithin3MinPct: launches > 0 ? (100 * relaunches) / launches : 0,
  };
}

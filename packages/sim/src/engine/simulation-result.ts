// The outcome of one run, as plain serializable data: totals, queueing delay, cost, scaling activity and a
// per-minute series for plots.
import type { MinuteSeries } from "../account/service-series.ts";
import type { SimService } from "../account/sim-service.ts";

export interface ScalingActionRecord {
  /** Epoch ms. */
  readonly at: number;
  readonly from: number;
  readonly to: number;
}

export interface SimulationResult {
  readonly scaler: string;
  readonly trace: string;
  readonly seed: number;
  /** Epoch ms of the start and simulated length. */
  readonly startMs: number;
  readonly durationSeconds: number;
  /** Messages that arrived. */
  readonly messages: number;
  readonly processed: number;
  /** Visible + in flight + delayed at the end. */
  readonly stillQueued: number;
  /** Moved to the dead-letter queue (only with a maxReceiveCount). */
  readonly deadLettered: number;
  /** Visibility timeouts that returned a message to the queue. */
  readonly redeliveries: number;
  /** Wait = start of processing − arrival, over processed messages (0 when none). */
  readonly p50WaitS: number;
  readonly p99WaitS: number;
  readonly maxWaitS: number;
  readonly sloSeconds: number;
  /**
   * Processed messages with wait ≤ SLO, as % of processed ones plus those still queued at the end that have
   * already waited longer than the SLO; 100 when there are none.
   */
  readonly withinSloPct: number;
  /** Most visible messages at any moment. */
  readonly maxBacklog: number;
  /** ∫ (pending + running + draining tasks) dt: what Fargate bills. */
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
  /** Times the scaler changed the desired count. */
  readonly scalingActions: number;
  /** From the first arrival to the first action above the initial desired count at or after it. */
  readonly firstScaleOutDelayS: number | null;
  readonly initialDesired: number;
  readonly actions: readonly ScalingActionRecord[];
  readonly series: MinuteSeries;
}

export interface ResultContext {
  readonly scaler: string;
  readonly trace: string;
  readonly seed: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly sloSeconds: number;
  readonly initialDesired: number;
  readonly actions: readonly ScalingActionRecord[];
}

/** Messages not yet processed at `now` that have waited longer than `limitMs` (in flight: before start). */
function countOverdue(service: SimService, now: number, limitMs: number): number {
  const { visible, delayed } = service.queue;
  let count = service.ecs.tasks.countInFlightWaitingOver(limitMs);
  for (const deque of [visible, delayed]) {
    for (let i = 0; i < deque.length; i++) if (now - deque.arrivalAt(i) > limitMs) count++;
  }
  return count;
}

function firstScaleOutDelay(service: SimService, context: ResultContext): number | null {
  const firstArrival = service.queue.firstSentAt;
  const action = context.actions.find((a) => a.at >= firstArrival && a.to > context.initialDesired);
  return action === undefined ? null : (action.at - firstArrival) / 1000;
}

function costFigures(service: SimService, endMs: number) {
  const { tasks } = service.ecs;
  const taskSeconds = tasks.taskMs(endMs) / 1000;
  const workTaskSeconds = tasks.servedWorkMs / 1000 / tasks.concurrency;
  const { launches, relaunches } = tasks.launchLog;
  return {
    taskSeconds,
    workTaskSeconds,
    workRatio: workTaskSeconds > 0 ? taskSeconds / workTaskSeconds : null,
    launches,
    relaunchesWithin3Min: relaunches,
    relaunchesWithin3MinPct: launches > 0 ? (100 * relaunches) / launches : 0,
  };
}

export function summarizeRun(service: SimService, context: ResultContext): SimulationResult {
  const { queue, ecs } = service;
  const waits = ecs.waits.summarize(context.sloSeconds);
  const overdue = countOverdue(service, context.endMs, context.sloSeconds * 1000);
  const judged = waits.count + overdue;
  return {
    scaler: context.scaler,
    trace: context.trace,
    seed: context.seed,
    startMs: context.startMs,
    durationSeconds: (context.endMs - context.startMs) / 1000,
    messages: queue.sent,
    processed: queue.deleted,
    stillQueued: queue.queued,
    deadLettered: queue.deadLettered,
    redeliveries: queue.redeliveries,
    p50WaitS: waits.p50WaitS,
    p99WaitS: waits.p99WaitS,
    maxWaitS: waits.maxWaitS,
    sloSeconds: context.sloSeconds,
    withinSloPct: judged === 0 ? 100 : (100 * waits.withinSlo) / judged,
    maxBacklog: queue.maxVisible,
    ...costFigures(service, context.endMs),
    scalingActions: context.actions.length,
    firstScaleOutDelayS: firstScaleOutDelay(service, context),
    initialDesired: context.initialDesired,
    actions: context.actions,
    series: service.series.toSeries(),
  };
}

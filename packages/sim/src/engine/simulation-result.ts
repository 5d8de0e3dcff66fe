// The outcome of one run, as plain serializable data: totals, queueing delay, cost, scaling activity and a
// per-minute series for plots.
import type { MinuteSeries } from "../account/service-series.ts";
import type { SimService } from "../account/sim-service.ts";
import {
  countOverdue,
  type RunCounters,
  readCounters,
  scoreWindow,
  type WindowFigures,
} from "./score-window.ts";

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
  // The work floor and launches, as WindowFigures documents them (score-window.ts).
  readonly workTaskSeconds: number;
  readonly workRatio: number | null;
  readonly launches: number;
  readonly relaunchesWithin3Min: number;
  readonly relaunchesWithin3MinPct: number;
  /** Times the scaler changed the desired count. */
  readonly scalingActions: number;
  /** From the first arrival to the first action above the initial desired count at or after it. */
  readonly firstScaleOutDelayS: number | null;
  readonly initialDesired: number;
  readonly actions: readonly ScalingActionRecord[];
  readonly series: MinuteSeries;
  /** With a split (SimulationOptions.splitAtSeconds): the figures before it and from it on (score-window.ts). */
  readonly parts?: RunParts;
}

/** A run cut in two: `tune` reads as a run that stopped at the split; `validate` scores the rest. */
export interface RunParts {
  readonly splitAtMs: number;
  readonly tune: WindowFigures;
  readonly validate: WindowFigures;
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
  /** The counters and the overdue messages at the split, when the run has one. */
  readonly split?: { readonly counters: RunCounters; readonly overdue: number };
}

function firstScaleOutDelay(service: SimService, context: ResultContext): number | null {
  const firstArrival = service.queue.firstSentAt;
  const action = context.actions.find((a) => a.at >= firstArrival && a.to > context.initialDesired);
  return action === undefined ? null : (action.at - firstArrival) / 1000;
}

const ZERO: Omit<RunCounters, "atMs"> = {
  sent: 0,
  waits: 0,
  taskMs: 0,
  servedWorkMs: 0,
  launches: 0,
  relaunches: 0,
};

export function summarizeRun(service: SimService, context: ResultContext): SimulationResult {
  const { sloSeconds, split } = context;
  const start = { ...ZERO, atMs: context.startMs };
  const end = readCounters(service, context.endMs);
  const overdue = countOverdue(service, context.endMs, sloSeconds * 1000);
  const all = scoreWindow(service, { from: start, to: end, overdue, sloSeconds });
  const parts =
    split === undefined
      ? undefined
      : {
          splitAtMs: split.counters.atMs,
          tune: scoreWindow(service, { from: start, to: split.counters, overdue: split.overdue, sloSeconds }),
          validate: scoreWindow(service, { from: split.counters, to: end, overdue, sloSeconds }),
        };
  return {
    scaler: context.scaler,
    trace: context.trace,
    seed: context.seed,
    startMs: context.startMs,
    durationSeconds: (context.endMs - context.startMs) / 1000,
    messages: all.messages,
    processed: service.queue.deleted,
    stillQueued: service.queue.queued,
    deadLettered: service.queue.deadLettered,
    redeliveries: service.queue.redeliveries,
    p50WaitS: all.p50WaitS,
    p99WaitS: all.p99WaitS,
    maxWaitS: all.maxWaitS,
    sloSeconds,
    withinSloPct: all.withinSloPct,
    maxBacklog: service.queue.maxVisible,
    taskSeconds: all.taskSeconds,
    workTaskSeconds: all.workTaskSeconds,
    workRatio: all.workRatio,
    launches: all.launches,
    relaunchesWithin3Min: all.relaunchesWithin3Min,
    relaunchesWithin3MinPct: all.relaunchesWithin3MinPct,
    scalingActions: context.actions.length,
    firstScaleOutDelayS: firstScaleOutDelay(service, context),
    initialDesired: context.initialDesired,
    actions: context.actions,
    series: service.series.toSeries(),
    ...(parts === undefined ? {} : { parts }),
  };
}

// The default worker policy's target, derived from the service's SLO, processing time and task start rather
// than tuned on the benchmark traces.

/** Share of the load a rise may add while new tasks start: the standing queue leaves room for its backlog. */
export const RISE_DURING_START = 0.5;

export interface WorkerServiceLevel {
  /** Acceptable wait before processing starts, seconds. */
  readonly latencySeconds: number;
  /** Average processing time of one message, seconds. */
  readonly processingSeconds: number;
  /** From launch to taking work, seconds. */
  readonly taskStartSeconds: number;
  /** The drain window of the visible backlog, as a fraction of the SLO. */
  readonly drainFraction: number;
}

/**
 * The sqsUtilization target, percent. Above 100 % the policy keeps a standing queue with every task busy; at
 * target T its steady wait is (T/100 − 1) × drain window. That wait may take the SLO less what a rise costs
 * before new tasks run (the backlog of RISE_DURING_START × the load over one start, i.e. that share of the start
 * time in wait) and one processing time. With the SLO at or under half a start, no standing queue: 100 %.
 * SLO 60 s, 45 s starts, 1 s messages: 100 × (1 + 36.5 / 30) ≈ 222 % (the constant tuned before was 220 %).
 */
export function workerTargetPercent(level: WorkerServiceLevel): number {
  const { latencySeconds, processingSeconds, taskStartSeconds, drainFraction } = level;
  const standingWait = Math.max(0, latencySeconds - RISE_DURING_START * taskStartSeconds - processingSeconds);
  return Math.round(100 * (1 + standingWait / Math.max(1, drainFraction * latencySeconds)));
}

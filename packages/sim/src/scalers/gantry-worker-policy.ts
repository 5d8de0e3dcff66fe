// The default worker policy's target, derived from the service's SLO, processing time and task start rather
// than tuned on the benchmark traces.

/** Share of the load a rise may add while new tasks start: the standing queue leaves room for its backlog. */
export const RISE_DURING_START = 0.5;
/**
 * Most of the SLO that room takes. Under a start-long SLO a rise misses the SLO whatever the queue (the tasks it
 * needs arrive too late), so a longer reserve buys little and costs idle tasks: 0.4 fits SLO 30 s on the tuning
 * part of the shared traces.
 */
export const MAX_RESERVE_SHARE = 0.4;

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
 * target T its steady wait is (T/100 − 1) × drain window. That wait may take the SLO less a reserve for what a
 * rise costs before new tasks run (the backlog of RISE_DURING_START × the load over one start, i.e. that share of
 * the start in wait, at most MAX_RESERVE_SHARE of the SLO) and one processing time; 100 % when nothing is left.
 * 45 s starts, 1 s messages: 213 % at SLO 30 s, 222 % at 60 s (the constant tuned before was 220 %), 261 % at 120 s.
 */
export function workerTargetPercent(level: WorkerServiceLevel): number {
  const standing = standingWait(level);
  return Math.round(100 * (1 + standing / Math.max(1, level.drainFraction * level.latencySeconds)));
}

/**
 * Whether the worker profile holds the offered load (behavior.startup.loadFloor): where the SLO is within a start,
 * a task stopped in a lull is not back in time for the next message, and where a message's processing also
 * outlasts the standing wait the SLO leaves, a queue cannot absorb a burst either (a message behind a busy task
 * waits up to a whole processing time). 45 s starts: on for 29-second jobs at SLO 30 s; off at 60 s (there the
 * floor's cost, whatever the target, left KEDA's cheaper settings uncovered) and for 1-second messages.
 */
export function holdsOfferedLoad(level: Omit<WorkerServiceLevel, "drainFraction">): boolean {
  return level.latencySeconds <= level.taskStartSeconds && level.processingSeconds > standingWait(level);
}

/** The wait the SLO leaves a standing queue: less the reserve for a rise during a start, and one processing. */
function standingWait(level: Omit<WorkerServiceLevel, "drainFraction">): number {
  const { latencySeconds, processingSeconds, taskStartSeconds } = level;
  const reserve = Math.min(RISE_DURING_START * taskStartSeconds, MAX_RESERVE_SHARE * latencySeconds);
  return Math.max(0, latencySeconds - reserve - processingSeconds);
}

import type { Reason } from "../model/decision.ts";
import { NEED_BUCKET_MS, type NeedHistory } from "../model/need-history.ts";

/** What the idle gaps at one level say about reusing its task within a start. */
interface Reuse {
  idleSeconds: number;
  /** Completed gaps at least as long as the current idle time, and those ending within one start from now. */
  gaps: number;
  within: number;
  keep: boolean;
}

/**
 * Ski-rental scale-in. A task at level c (the c-th task of the fleet) is idle while the need is below c. Keeping
 * it costs its idle time until the need comes back; stopping it costs a start (`startSeconds` billed, no work
 * taken) if it comes back. From the completed idle gaps at that level that lasted longer than the current one,
 * R = gap − idle time is the wait left: keeping for one more start costs E[min(R, S)], stopping now costs S if
 * R ≤ S and the same S later otherwise, so keep while E[R; R ≤ S] < (P(R ≤ S) − P(R > S)) · S.
 * Levels with no completed gap that long go (no evidence of reuse). Levels up to `lowest` are not kept: the
 * last task goes when messages may wait for a batched launch from zero instead.
 */
export function keepIdleTasks(
  value: number,
  desired: number,
  history: NeedHistory | undefined,
  startSeconds: number,
  lowest = 0,
): { value: number; reason?: Reason } {
  if (value >= desired || !history) return { value };
  // Levels above any need in the history have no evidence of reuse.
  const top = history.levels.reduce((a, b) => Math.max(a, b), 0);
  for (let level = Math.min(desired, top); level > Math.max(value, lowest); level--) {
    const reuse = reuseAt(history.levels, level, startSeconds);
    if (reuse?.keep) return { value: level, reason: keptReason(level, desired, value, reuse, startSeconds) };
  }
  return { value };
}

function reuseAt(levels: readonly number[], level: number, startSeconds: number): Reuse | undefined {
  const last = lastIndexAtLeast(levels, level);
  if (last < 0) return undefined;
  const idleBuckets = levels.length - 1 - last;
  const idleSeconds = (idleBuckets * NEED_BUCKET_MS) / 1000;
  if (idleBuckets === 0) return { idleSeconds, gaps: 0, within: 0, keep: true };
  let gaps = 0;
  let within = 0;
  let expected = 0;
  let run = -1; // buckets below `level` since the last one at or above it; -1 before the first
  for (let i = 0; i <= last; i++) {
    if ((levels[i] ?? 0) < level) {
      if (run >= 0) run++;
      continue;
    }
    // A gap of `run` buckets came back one bucket after it: it outlasts the current idle time if run ≥ idle.
    if (run >= idleBuckets) {
      const left = ((run + 1 - idleBuckets) * NEED_BUCKET_MS) / 1000;
      gaps++;
      if (left <= startSeconds) {
        within++;
        expected += left;
      }
    }
    run = 0;
  }
  if (gaps === 0) return { idleSeconds, gaps, within, keep: false };
  const p = within / gaps;
  return { idleSeconds, gaps, within, keep: expected / gaps < (2 * p - 1) * startSeconds };
}

function lastIndexAtLeast(levels: readonly number[], level: number): number {
  for (let i = levels.length - 1; i >= 0; i--) if ((levels[i] ?? 0) >= level) return i;
  return -1;
}

function keptReason(level: number, desired: number, asked: number, reuse: Reuse, start: number): Reason {
  const why =
    reuse.idleSeconds === 0
      ? "is needed now"
      : `idle ${reuse.idleSeconds} s: ${reuse.within} of ${reuse.gaps} past idle gaps that long ended within the ${start} s a start takes`;
  return {
    code: "StartCostBreakEven",
    message: `${asked} asked; keeping ${level} of ${desired} tasks: task ${level} ${why}; stopping and relaunching it would cost more than keeping it`,
  };
}

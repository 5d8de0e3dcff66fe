// What a scaler that knew every arrival in advance would bill on a job trace, one job per task at a time: a
// reference for how far below a workRatio the starts alone keep any scaler, not a proven optimum. The greedy
// schedule launches a task exactly one start before a job needs it, so no job waits for a start, and serves each
// job, in arrival order, on the task that frees soonest within the job's SLO (no idle time); else on the task
// idle for the shortest time under one start (keeping a task idle for less than a start costs less than a new
// one); else on a new task (one start billed). Tasks idle for a start or longer are stopped when they free.
import type { TraceRequests } from "../traces/trace.ts";

export interface ClairvoyantFigures {
  readonly jobs: number;
  /** Task-seconds of the starts ÷ work. */
  readonly startRatio: number;
  /** Idle task-seconds kept between jobs ÷ work. */
  readonly idleRatio: number;
  /** 1 + startRatio + idleRatio. */
  readonly workRatio: number;
}

/** The greedy clairvoyant schedule over the jobs arriving in [from, to) seconds. */
export function clairvoyantSchedule(
  requests: TraceRequests,
  startSeconds: number,
  sloSeconds: number,
  from = 0,
  to = Number.POSITIVE_INFINITY,
): ClairvoyantFigures {
  const { arrivals, durations } = requests;
  if (!durations) throw new Error("clairvoyantSchedule: the trace has no per-request processing times");
  let free: number[] = []; // when each task finishes its last job
  let jobs = 0;
  let work = 0;
  let idle = 0;
  let launches = 0;
  for (let i = 0; i < arrivals.length; i++) {
    const at = arrivals[i] as number;
    if (at < from || at >= to) continue;
    const took = durations[i] as number;
    jobs++;
    work += took;
    free = free.filter((f) => f > at - startSeconds); // idle a start or longer: stopped when it freed
    const busy = soonest(free, (f) => f >= at && f <= at + sloSeconds);
    if (busy >= 0) {
      free[busy] = (free[busy] as number) + took;
      continue;
    }
    const kept = soonest(free, (f) => f < at, -1);
    if (kept >= 0) {
      idle += at - (free[kept] as number);
      free[kept] = at + took;
      continue;
    }
    launches++;
    free.push(at + took);
  }
  const startRatio = work > 0 ? (launches * startSeconds) / work : 0;
  const idleRatio = work > 0 ? idle / work : 0;
  return { jobs, startRatio, idleRatio, workRatio: 1 + startRatio + idleRatio };
}

/** Index of the matching task that frees first (sign 1) or last (sign −1); −1 if none matches. */
function soonest(free: readonly number[], matches: (f: number) => boolean, sign = 1): number {
  let best = -1;
  for (let i = 0; i < free.length; i++) {
    const f = free[i] as number;
    if (matches(f) && (best < 0 || sign * (f - (free[best] as number)) < 0)) best = i;
  }
  return best;
}

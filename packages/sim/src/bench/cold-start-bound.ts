// What a 30-second SLO costs at least on a job trace when tasks start in 45 s: a message that arrives while no
// task runs waits a whole start, so it is late whenever the start outlasts the SLO. A reactive scaler (one that
// does not know when the next job comes) can only avoid that by keeping a task running after the fleet empties;
// the family "keep one task T seconds after the last job ends" prices that choice. Each T gives the share of
// messages that still arrive to an empty fleet, and the task-seconds it costs beyond the work: the idle wait
// (up to T per idle gap) plus one start for each gap it did not bridge. The jobs' own overlap is not counted
// (a fleet with one task per running job), so the cost is a floor and the late share a floor too.
import type { TraceRequests } from "../traces/trace.ts";

export interface ColdStartPoint {
  /** Seconds a task is kept running after the fleet's last job ends. */
  readonly keepSeconds: number;
  /** Messages that arrive to an empty fleet, percent. */
  readonly coldPct: number;
  /** Idle task-seconds kept ÷ work. */
  readonly idleRatio: number;
  /** Task-seconds of the starts after unbridged gaps ÷ work. */
  readonly startRatio: number;
  /** 1 + idleRatio + startRatio: no scaler of this family bills less for these messages. */
  readonly workRatioFloor: number;
}

/** The idle gaps before each arrival: seconds since every earlier job (one task each) had ended; ≤ 0 while busy. */
export function idleGaps(requests: TraceRequests): Float64Array {
  const { arrivals, durations } = requests;
  if (!durations) throw new Error("idleGaps: the trace has no per-request processing times");
  const gaps = new Float64Array(arrivals.length);
  let busyUntil = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < arrivals.length; i++) {
    const at = arrivals[i] as number;
    gaps[i] = at - busyUntil;
    busyUntil = Math.max(busyUntil, at + (durations[i] as number));
  }
  return gaps;
}

export function coldStartCurve(
  requests: TraceRequests,
  startSeconds: number,
  keeps: readonly number[],
): ColdStartPoint[] {
  const gaps = idleGaps(requests);
  let work = 0;
  for (const d of requests.durations ?? []) work += d;
  return keeps.map((keepSeconds) => {
    let cold = 0;
    let idle = 0;
    for (const gap of gaps) {
      if (gap > keepSeconds) cold++;
      if (Number.isFinite(gap) && gap > 0) idle += Math.min(gap, keepSeconds);
    }
    const idleRatio = idle / work;
    const startRatio = (cold * startSeconds) / work;
    return {
      keepSeconds,
      coldPct: (100 * cold) / gaps.length,
      idleRatio,
      startRatio,
      workRatioFloor: 1 + idleRatio + startRatio,
    };
  });
}

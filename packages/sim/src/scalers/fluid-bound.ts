// The fluid bound (DESIGN §5): each minute, the tasks that the work arriving in that minute needs, ⌈work ÷ 60 s⌉,
// started instantly and never queueing. A reference for plots and tables, NOT a lower bound: it rounds every
// minute up to whole tasks, while work may wait up to the SLO and a standing queue carries it across minutes,
// so a good scaler can come in below it. The true floor of cost is the work itself, Σ processing time
// (SimulationResult.workTaskSeconds; workRatio = taskSeconds ÷ workTaskSeconds).
//
// Work per minute: the per-request durations of the messages arriving in it when the trace has them, else
// count × processingTimeSeconds. Scaled counts traces carry fractional counts (2.5 messages in a minute); we
// take the expected work, count × processing time, rather than rounding messages, so the bound scales
// smoothly with the rate multiplier.
import { ceilTolerant } from "@gantry/core/building-blocks";
import type { Trace } from "../traces/trace.ts";
import { checkPositive } from "./capacity-bounds.ts";

const MINUTE_SECONDS = 60;

/** Processing seconds arriving in each minute of the trace. */
export function workPerMinute(trace: Trace, processingTimeSeconds: number): Float64Array {
  const durations = trace.requests?.durations;
  if (trace.requests !== undefined && durations !== undefined) {
    return requestWork(trace.requests.arrivals, durations, minutesOf(trace));
  }
  checkPositive(processingTimeSeconds, "processingTimeSeconds");
  const work = new Float64Array(minutesOf(trace));
  trace.counts.forEach((count, bucket) => {
    const minute = Math.floor((bucket * trace.bucketSeconds) / MINUTE_SECONDS);
    work[minute] = (work[minute] ?? 0) + count * processingTimeSeconds;
  });
  return work;
}

/** Fluid tasks per minute, ⌈work ÷ 60 s⌉, for plotting beside the scalers' task counts. */
export function fluidTasksPerMinute(trace: Trace, processingTimeSeconds: number): Float64Array {
  return workPerMinute(trace, processingTimeSeconds).map((work) => ceilTolerant(work / MINUTE_SECONDS));
}

/** The bound in task-seconds: Σ over minutes of ⌈work ÷ 60 s⌉ × 60. */
export function fluidBoundTaskSeconds(trace: Trace, processingTimeSeconds: number): number {
  let tasks = 0;
  for (const count of fluidTasksPerMinute(trace, processingTimeSeconds)) tasks += count;
  return tasks * MINUTE_SECONDS;
}

function minutesOf(trace: Trace): number {
  return Math.ceil((trace.counts.length * trace.bucketSeconds) / MINUTE_SECONDS);
}

function requestWork(arrivals: Float64Array, durations: Float64Array, minMinutes: number): Float64Array {
  const last = arrivals.length === 0 ? -1 : (arrivals[arrivals.length - 1] ?? 0);
  const work = new Float64Array(Math.max(minMinutes, Math.floor(last / MINUTE_SECONDS) + 1));
  arrivals.forEach((arrival, i) => {
    const minute = Math.floor(arrival / MINUTE_SECONDS);
    work[minute] = (work[minute] ?? 0) + (durations[i] ?? 0);
  });
  return work;
}

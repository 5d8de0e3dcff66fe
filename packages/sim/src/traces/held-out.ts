// The held-out split of a trace (issue I, item 5): tune on the first ~75 %, validate on the rest. Multi-day
// traces split on a whole day (from the trace start), so the validation part is the last days; shorter ones
// (Azure's 8 hours) on a bucket boundary. Tuning reads only `tracePart(trace, "tune")`; the validation figures
// come from a run over the whole trace scored from the split on (SimulationOptions.splitAtSeconds), so the
// scaler carries its fleet and history into the held-out days as it would in production, but no knob was
// chosen on them.
import { ValidationError } from "@gantry/core";
import { cutTrace } from "./slice.ts";
import { type Trace, traceSeconds } from "./trace.ts";

export const TRACE_PARTS = ["tune", "validate", "all"] as const;
export type TracePart = (typeof TRACE_PARTS)[number];

/** Share of the trace kept for tuning. */
export const TUNE_SHARE = 0.75;
const DAY_SECONDS = 86_400;

export function isTracePart(value: string): value is TracePart {
  return (TRACE_PARTS as readonly string[]).includes(value);
}

/** Seconds from the trace start where the validation part begins. */
export function heldOutSplitSeconds(trace: Trace): number {
  const length = traceSeconds(trace);
  const days = Math.floor((TUNE_SHARE * length) / DAY_SECONDS);
  if (days >= 2) return days * DAY_SECONDS;
  const bucket = trace.bucketSeconds;
  return Math.floor((TUNE_SHARE * length) / bucket) * bucket;
}

/** The [from, to) seconds a part covers. */
export function partWindow(trace: Trace, part: TracePart): { fromSeconds: number; toSeconds: number } {
  const length = traceSeconds(trace);
  const split = heldOutSplitSeconds(trace);
  if (split <= 0 || split >= length) {
    throw new ValidationError(`${trace.name} is too short to split into tune and validate parts`, "trace");
  }
  if (part === "tune") return { fromSeconds: 0, toSeconds: split };
  if (part === "validate") return { fromSeconds: split, toSeconds: length };
  return { fromSeconds: 0, toSeconds: length };
}

/** The trace cut to one part: what a tuner may look at is `tracePart(trace, "tune")`. */
export function tracePart(trace: Trace, part: TracePart): Trace {
  const { fromSeconds, toSeconds } = partWindow(trace, part);
  return cutTrace(trace, fromSeconds, toSeconds);
}

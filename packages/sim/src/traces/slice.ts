// Cutting a window [from, to) out of a trace.
//
// A from/to value is one of:
//   - a number, or a numeric string (`3600`, `0.5`): seconds from the trace start;
//   - a duration from the trace start: number+unit groups, units d/h/m/s (`2h`, `30m`, `1d12h`, `90s`);
//   - an ISO-8601 timestamp (`1998-06-10`, `1998-06-10T18:00`, `... 18:00:00+02:00`): an absolute instant,
//     zone-less meaning UTC like the trace files; only for traces with a start time, and where the source's
//     clock jumps (NASA's July→August splice) an instant in the skipped span maps to the first value after it.
// `to` is exclusive; both must fall on bucket boundaries and satisfy 0 ≤ from < to ≤ the trace length.
import { ValidationError } from "@gantry/core";
import {
  formatSeconds,
  isoFromMs,
  looksLikeTimestamp,
  parseDecimal,
  parseDuration,
  parseIsoTimestamp,
} from "./time.ts";
import { type ClockJump, type Trace, traceSeconds } from "./trace.ts";

export type TimeOption = number | string;

export interface SliceOptions {
  readonly from?: TimeOption;
  readonly to?: TimeOption;
}

/** Epoch milliseconds of an offset of the trace, counting the clock jumps at or before it. */
export function instantOfOffset(trace: Trace, seconds: number): number {
  const start = Date.parse(trace.startTime ?? "");
  const skipped = (trace.clockJumps ?? []).filter((j) => j.atSeconds <= seconds);
  return start + (seconds + skipped.reduce((sum, j) => sum + j.skippedSeconds, 0)) * 1000;
}

/** Offset in seconds of an instant; an instant inside a clock jump maps to the first value after it. */
export function offsetOfInstant(trace: Trace, ms: number): number {
  let seconds = (ms - Date.parse(trace.startTime ?? "")) / 1000;
  for (const jump of trace.clockJumps ?? []) {
    if (seconds < jump.atSeconds) break;
    seconds = Math.max(jump.atSeconds, seconds - jump.skippedSeconds);
  }
  return seconds;
}

function timestampOffset(trace: Trace, text: string, field: string): number {
  if (trace.startTime === undefined) {
    throw new ValidationError(
      `${field} "${text}": ${trace.name} has no start date; give seconds or a duration`,
      field,
    );
  }
  const ms = parseIsoTimestamp(text);
  if (Number.isNaN(ms))
    throw new ValidationError(`${field} "${text}" is not a valid ISO-8601 timestamp`, field);
  if (ms < Date.parse(trace.startTime)) {
    throw new ValidationError(`${field} "${text}" is before the trace start ${trace.startTime}`, field);
  }
  return offsetOfInstant(trace, ms);
}

/** Seconds from the trace start that a from/to value stands for (see the rule at the top of this file). */
export function resolveTimeOption(trace: Trace, value: TimeOption, field: string): number {
  if (typeof value === "number") {
    if (Number.isFinite(value) && value >= 0) return value;
    throw new ValidationError(`${field} ${value} must be a finite number of seconds ≥ 0`, field);
  }
  if (typeof value !== "string") {
    throw new ValidationError(`${field} must be a number of seconds or a string, not ${typeof value}`, field);
  }
  const text = value.trim();
  if (looksLikeTimestamp(text)) return timestampOffset(trace, text, field);
  const seconds = Number.isNaN(parseDecimal(text)) ? parseDuration(text) : parseDecimal(text);
  if (!Number.isNaN(seconds)) return seconds;
  throw new ValidationError(
    `${field} "${value}" is not seconds, a duration like 2h/30m/1d or an ISO-8601 timestamp`,
    field,
  );
}

function checkOnGrid(trace: Trace, seconds: number, field: string): void {
  const k = seconds / trace.bucketSeconds;
  if (Math.abs(k - Math.round(k)) > 1e-9) {
    throw new ValidationError(
      `${field} ${seconds} s is not a multiple of the ${trace.bucketSeconds} s buckets`,
      field,
    );
  }
}

/** The window [fromSeconds, toSeconds) the options select, checked against the trace. */
export function resolveSlice(
  trace: Trace,
  options: SliceOptions,
): { fromSeconds: number; toSeconds: number } {
  const length = traceSeconds(trace);
  const fromSeconds = options.from === undefined ? 0 : resolveTimeOption(trace, options.from, "from");
  const toSeconds = options.to === undefined ? length : resolveTimeOption(trace, options.to, "to");
  checkOnGrid(trace, fromSeconds, "from");
  checkOnGrid(trace, toSeconds, "to");
  const end = `the trace length ${formatSeconds(length)} (${length} s)`;
  if (fromSeconds >= length) throw new ValidationError(`from ${fromSeconds} s is not before ${end}`, "from");
  if (toSeconds > length) throw new ValidationError(`to ${toSeconds} s is past ${end}`, "to");
  if (toSeconds <= fromSeconds) {
    throw new ValidationError(`to ${toSeconds} s is not after from ${fromSeconds} s`, "to");
  }
  return { fromSeconds, toSeconds };
}

/** Index of the first arrival at or after `seconds` (arrivals are sorted). */
export function lowerBound(arrivals: Float64Array, seconds: number): number {
  let lo = 0;
  let hi = arrivals.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arrivals[mid] ?? 0) < seconds) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function cutRequests(trace: Trace, fromSeconds: number, toSeconds: number): Pick<Trace, "requests"> {
  const requests = trace.requests;
  if (requests === undefined) return {};
  const first = lowerBound(requests.arrivals, fromSeconds);
  const end = lowerBound(requests.arrivals, toSeconds);
  const arrivals = requests.arrivals.slice(first, end).map((t) => t - fromSeconds);
  const durations = requests.durations?.slice(first, end);
  return { requests: durations === undefined ? { arrivals } : { arrivals, durations } };
}

function cutClock(
  trace: Trace,
  fromSeconds: number,
  toSeconds: number,
): Pick<Trace, "startTime" | "clockJumps"> {
  if (trace.startTime === undefined) return {};
  const clockJumps: ClockJump[] = (trace.clockJumps ?? [])
    .filter((j) => j.atSeconds > fromSeconds && j.atSeconds < toSeconds)
    .map((j) => ({ ...j, atSeconds: j.atSeconds - fromSeconds }));
  return { startTime: isoFromMs(instantOfOffset(trace, fromSeconds)), clockJumps };
}

function describeSlice(trace: Trace, fromSeconds: number, toSeconds: number): string {
  const span = `slice ${formatSeconds(fromSeconds)} to ${formatSeconds(toSeconds)} from the start`;
  if (trace.startTime === undefined) return `${span} (${fromSeconds}–${toSeconds} s)`;
  const bucket = trace.bucketSeconds;
  // The end is just after the last bucket, which a clock jump right at toSeconds must not move.
  const end = instantOfOffset(trace, toSeconds - bucket) + bucket * 1000;
  return `${span} (${isoFromMs(instantOfOffset(trace, fromSeconds))} to ${isoFromMs(end)})`;
}

/** The trace restricted to [fromSeconds, toSeconds), re-based so that fromSeconds becomes offset 0. */
export function cutTrace(trace: Trace, fromSeconds: number, toSeconds: number): Trace {
  if (fromSeconds === 0 && toSeconds === traceSeconds(trace)) return trace;
  const { startTime: _start, clockJumps: _jumps, requests: _requests, ...rest } = trace;
  const bucket = trace.bucketSeconds;
  return {
    ...rest,
    ...cutClock(trace, fromSeconds, toSeconds),
    ...cutRequests(trace, fromSeconds, toSeconds),
    description: `${trace.description}; ${describeSlice(trace, fromSeconds, toSeconds)}`,
    counts: trace.counts.slice(Math.round(fromSeconds / bucket), Math.round(toSeconds / bucket)),
  };
}

/** The trace cut to the window the from/to options name (see the rule at the top of this file). */
export function sliceTrace(trace: Trace, options: SliceOptions): Trace {
  const { fromSeconds, toSeconds } = resolveSlice(trace, options);
  return cutTrace(trace, fromSeconds, toSeconds);
}

// An uploaded trace, read with the simulator's own CSV readers (only the readers: the api Lambda checks the upload
// in the request, so bad input is a 400, without bundling the simulator; the backtest reads it again to run it),
// within limits that keep one run to seconds of CPU (a run replays every message).
import { GantryError, ValidationError } from "@gantry/core";
import { MAX_TRACE_MESSAGES, MAX_TRACE_SECONDS } from "@gantry/runtime/operator";
import {
  looksLikeTimestamp,
  parseCountsCsv,
  parseDecimal,
  parseIsoTimestamp,
  parseRequestsCsv,
  type Trace,
  totalCount,
  traceSeconds,
} from "@gantry/sim/traces/readers";
import type { UploadedTrace } from "./backtest/backtest-input.ts";

/** The name the readers put in messages (`trace.csv:3: …`), which is also the body field they concern. */
const SOURCE = "trace.csv";

export function parseUploadedTrace(upload: UploadedTrace): Trace {
  checkSpan(upload.csv);
  const trace = readTrace(upload);
  if (traceSeconds(trace) > MAX_TRACE_SECONDS) throw spanError();
  const messages = totalCount(trace);
  if (messages > MAX_TRACE_MESSAGES) {
    throw new ValidationError(
      `${messages} messages, over the ${MAX_TRACE_MESSAGES} a run may replay`,
      "trace.csv",
    );
  }
  return trace;
}

function readTrace(upload: UploadedTrace): Trace {
  try {
    return upload.format === "counts"
      ? parseCountsCsv(upload.csv, SOURCE)
      : parseRequestsCsv(upload.csv, SOURCE);
  } catch (error) {
    if (error instanceof GantryError) throw new ValidationError(error.message, "trace.csv");
    throw new ValidationError(`cannot read the trace: ${(error as Error).message}`, "trace.csv");
  }
}

/**
 * Before the readers allocate one bucket per second or minute up to the last time: offsets count from 0,
 * ISO instants from the earliest row. Unreadable cells are left for the readers to report with their line.
 */
function checkSpan(csv: string): void {
  let [first, last] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  let offsets = false;
  for (const line of csv.split("\n").slice(1)) {
    const cell = (line.split(",")[0] ?? "").trim();
    if (cell === "") continue;
    const iso = looksLikeTimestamp(cell);
    const seconds = iso ? parseIsoTimestamp(cell) / 1000 : parseDecimal(cell);
    if (Number.isNaN(seconds)) continue;
    offsets ||= !iso;
    [first, last] = [Math.min(first, seconds), Math.max(last, seconds)];
  }
  const span = last - (offsets ? Math.min(0, first) : first);
  if (span > MAX_TRACE_SECONDS) throw spanError();
}

function spanError(): ValidationError {
  return new ValidationError(`the trace spans more than ${MAX_TRACE_SECONDS / 86_400} days`, "trace.csv");
}

// Generic requests CSV: header `time` or `time,duration_s`, one row per request (= one SQS message),
// in any order. Time is an ISO-8601 instant (zone-less = UTC; the trace starts at the earliest request,
// floored to the second) or seconds from the trace start (time 0). duration_s is the processing time.
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { type CsvTable, expectHeader, lineError, readCsv } from "./csv-lines.ts";
import { isoFromMs, parseNonNegative } from "./time.ts";
import { readTimeColumn } from "./time-column.ts";
import { binArrivals, sortRequests, type Trace, type TraceRequests } from "./trace.ts";

/** The request part of a trace plus its per-second counts and start instant. */
export interface RequestData {
  readonly bucketSeconds: 1;
  readonly counts: Float64Array;
  readonly requests: TraceRequests;
  readonly startTime?: string;
}

/** Non-negative seconds from a column of every row, e.g. a processing time. */
export function readSecondsColumn(table: CsvTable, column: number, what: string): Float64Array {
  const values = new Float64Array(table.rows.length);
  table.rows.forEach((row, i) => {
    const text = row.cells[column] ?? "";
    const value = parseNonNegative(text);
    if (Number.isNaN(value))
      throw lineError(table.source, row.line, `${what} "${text}" is not a non-negative number`);
    values[i] = value;
  });
  return values;
}

/** Requests from a table's time column and optional duration column; rows may come in any order. */
export function requestsFromTable(table: CsvTable, timeColumn: number, durationColumn?: number): RequestData {
  if (table.rows.length === 0) throw lineError(table.source, 1, "no requests after the header");
  const { seconds, originMs } = readTimeColumn(table, timeColumn);
  const durations =
    durationColumn === undefined ? undefined : readSecondsColumn(table, durationColumn, "duration");
  const requests = sortRequests(seconds, durations);
  const counts = binArrivals(requests.arrivals);
  const data = { bucketSeconds: 1 as const, counts, requests };
  return originMs === undefined ? data : { ...data, startTime: isoFromMs(originMs) };
}

/** A generic requests CSV text; `source` names the file in error messages. */
export function parseRequestsCsv(text: string, source = "requests.csv"): Trace {
  const table = readCsv(text, source);
  const withDurations = table.header.length === 2;
  expectHeader(table, withDurations ? ["time", "duration_s"] : ["time"]);
  const data = requestsFromTable(table, 0, withDurations ? 1 : undefined);
  const what = withDurations ? "requests with processing times" : "requests";
  return {
    name: basename(source, extname(source)),
    description: `${data.requests.arrivals.length} ${what} from ${basename(source)}`,
    ...data,
    scale: 1,
  };
}

export function readRequestsCsv(path: string): Trace {
  return parseRequestsCsv(readFileSync(path, "utf8"), path);
}

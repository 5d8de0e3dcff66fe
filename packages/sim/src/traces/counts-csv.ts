// Generic counts CSV: header `time,count`, one row per 1 s or 60 s bucket (the smallest step between
// rows decides), rows in increasing time, missing buckets count 0. Time is an ISO-8601 instant (zone-less
// = UTC; the trace starts at the first row) or seconds from the trace start (time 0, so a first row at
// 120 leaves two leading zero buckets at 60 s resolution).
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { type CsvTable, expectHeader, lineError, readCsv } from "./csv-lines.ts";
import { isoFromMs, parseNonNegative } from "./time.ts";
import { readTimeColumn } from "./time-column.ts";
import type { Trace } from "./trace.ts";

/** The bucket part of a trace, as read from a time/count table. */
export interface Buckets {
  readonly bucketSeconds: 1 | 60;
  readonly counts: Float64Array;
  readonly startTime?: string;
}

const EPSILON = 1e-6;

/** The step between rows: the smallest gap, which must be 1 s or 60 s (gaps are whole multiples of it). */
function detectResolution(table: CsvTable, seconds: Float64Array): 1 | 60 {
  if (seconds.length < 2)
    throw lineError(table.source, 1, "need at least 2 rows to tell 1 s from 60 s buckets");
  let step = Number.POSITIVE_INFINITY;
  let stepLine = 0;
  for (let i = 1; i < seconds.length; i++) {
    const gap = (seconds[i] ?? 0) - (seconds[i - 1] ?? 0);
    const line = table.rows[i]?.line ?? 0;
    if (gap <= 0) throw lineError(table.source, line, "time is not after the previous row's");
    if (gap < step) [step, stepLine] = [gap, line];
  }
  if (Math.abs(step - 1) < EPSILON) return 1;
  if (Math.abs(step - 60) < EPSILON) return 60;
  throw lineError(table.source, stepLine, `rows are ${step} s apart; expected steps of 1 s or 60 s`);
}

/** Buckets from a table's time and count columns (rows strictly increasing, counts non-negative). */
export function bucketsFromTable(table: CsvTable, timeColumn: number, countColumn: number): Buckets {
  const { seconds, originMs } = readTimeColumn(table, timeColumn);
  const bucketSeconds = detectResolution(table, seconds);
  const last = seconds[seconds.length - 1] ?? 0;
  const counts = new Float64Array(Math.round(last / bucketSeconds) + 1);
  table.rows.forEach((row, i) => {
    const k = (seconds[i] ?? 0) / bucketSeconds;
    if (Math.abs(k - Math.round(k)) > EPSILON) {
      throw lineError(table.source, row.line, `time is not on the ${bucketSeconds} s grid of the other rows`);
    }
    const text = row.cells[countColumn] ?? "";
    const count = parseNonNegative(text);
    if (Number.isNaN(count))
      throw lineError(table.source, row.line, `count "${text}" is not a non-negative number`);
    counts[Math.round(k)] = count;
  });
  return originMs === undefined
    ? { bucketSeconds, counts }
    : { bucketSeconds, counts, startTime: isoFromMs(originMs) };
}

/** A generic counts CSV text; `source` names the file in error messages. */
export function parseCountsCsv(text: string, source = "counts.csv"): Trace {
  const table = readCsv(text, source);
  expectHeader(table, ["time", "count"]);
  const buckets = bucketsFromTable(table, 0, 1);
  const resolution = buckets.bucketSeconds === 1 ? "per-second" : "per-minute";
  return {
    name: basename(source, extname(source)),
    description: `${resolution} arrival counts from ${basename(source)}`,
    ...buckets,
    scale: 1,
  };
}

export function readCountsCsv(path: string): Trace {
  return parseCountsCsv(readFileSync(path, "utf8"), path);
}

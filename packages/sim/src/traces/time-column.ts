// The time column shared by the counts and requests CSVs: ISO-8601 instants or seconds from the start.
import { type CsvTable, lineError } from "./csv-lines.ts";
import { looksLikeTimestamp, parseDecimal, parseIsoTimestamp } from "./time.ts";

/**
 * Times of every row in seconds. With ISO instants they count from `originMs` (the earliest row, floored to
 * the second); with plain numbers they are the numbers themselves (seconds from the trace start, 0) and
 * there is no origin. The first row decides which kind the column holds; mixing them is an error.
 */
export interface TimeColumn {
  readonly seconds: Float64Array;
  readonly originMs?: number;
}

export function readTimeColumn(table: CsvTable, column: number): TimeColumn {
  const first = table.rows[0]?.cells[column] ?? "";
  return looksLikeTimestamp(first) ? readInstants(table, column) : readOffsets(table, column);
}

function readOffsets(table: CsvTable, column: number): TimeColumn {
  const seconds = new Float64Array(table.rows.length);
  table.rows.forEach((row, i) => {
    const text = row.cells[column] ?? "";
    const value = parseDecimal(text);
    if (Number.isNaN(value)) {
      throw lineError(
        table.source,
        row.line,
        `time "${text}" is not seconds from the start (like the first row)`,
      );
    }
    seconds[i] = value;
  });
  return { seconds };
}

function readInstants(table: CsvTable, column: number): TimeColumn {
  const ms = new Float64Array(table.rows.length);
  let originMs = Number.POSITIVE_INFINITY;
  table.rows.forEach((row, i) => {
    const text = row.cells[column] ?? "";
    const value = parseIsoTimestamp(text);
    if (Number.isNaN(value)) {
      throw lineError(
        table.source,
        row.line,
        `time "${text}" is not an ISO-8601 timestamp (like the first row)`,
      );
    }
    ms[i] = value;
    originMs = Math.min(originMs, value);
  });
  originMs = Math.floor(originMs / 1000) * 1000;
  return { seconds: ms.map((v) => (v - originMs) / 1000), originMs };
}

// Azure Functions 2019: per-minute invocations of one function, or of all of them summed, with the
// per-function Average duration (durations.csv, ms) as the suggested processing time.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ValidationError } from "@gantry/core";
import { type CsvRow, type CsvTable, columnIndex, lineError, readCsv } from "./csv-lines.ts";
import { readSecondsColumn } from "./requests-csv.ts";
import { dataFilePath, SHARED_TRACE_FILES } from "./shared-sources.ts";
import { parseNonNegative } from "./time.ts";
import type { Trace } from "./trace.ts";

export interface AzureOptions {
  /** `sum` (default): all functions added up; else a HashFunction, in full or a unique prefix of ≥ 8 hex digits. */
  readonly function?: string;
}

const KEY_COLUMNS = ["HashOwner", "HashApp", "HashFunction", "Trigger"];
const FUNCTION_RE = /^[0-9a-f]{8,64}$/;

/** The minute-of-day of the first column, after checking the columns are consecutive minutes. */
function firstMinute(table: CsvTable): number {
  const header = table.header;
  if (header.slice(0, 4).join(",") !== KEY_COLUMNS.join(",") || header.length < 6) {
    throw lineError(table.source, 1, `expected header "${KEY_COLUMNS.join(",")},<minute>,<minute>,..."`);
  }
  const first = Number(header[4]);
  header.slice(4).forEach((minute, i) => {
    if (minute !== String(first + i)) {
      throw lineError(table.source, 1, `column ${i + 5} is "${minute}"; expected minute ${first + i}`);
    }
  });
  return first;
}

/** The rows `option` selects: all of them for `sum`, else the one function its hash (prefix) names. */
function selectRows(table: CsvTable, option: string | undefined): readonly CsvRow[] {
  if (option === undefined || option === "sum") return table.rows;
  const prefix = option.toLowerCase();
  if (!FUNCTION_RE.test(prefix)) {
    throw new ValidationError(
      `function "${option}" must be "sum" or 8 to 64 hex digits of a HashFunction`,
      "function",
    );
  }
  const rows = table.rows.filter((row) => (row.cells[2] ?? "").startsWith(prefix));
  if (rows.length === 1) return rows;
  const found = rows.length === 0 ? "matches no function" : `matches ${rows.length} functions`;
  throw new ValidationError(`function "${option}" ${found} in ${table.source}`, "function");
}

/** Per-minute counts summed over rows, and each row's total (its weight for the mean duration). */
function sumRows(table: CsvTable, rows: readonly CsvRow[]): { counts: Float64Array; totals: number[] } {
  const counts = new Float64Array(table.header.length - 4);
  const totals = rows.map((row) => {
    let total = 0;
    for (let m = 0; m < counts.length; m++) {
      const text = row.cells[m + 4] ?? "";
      const value = parseNonNegative(text);
      if (Number.isNaN(value))
        throw lineError(table.source, row.line, `invocations "${text}" are not a count`);
      counts[m] = (counts[m] ?? 0) + value;
      total += value;
    }
    return total;
  });
  return { counts, totals };
}

/** HashFunction → Average duration in seconds. */
function readAverages(text: string, source: string): Map<string, number> {
  const table = readCsv(text, source);
  const hash = columnIndex(table, "HashFunction");
  const averagesMs = readSecondsColumn(table, columnIndex(table, "Average"), "Average");
  return new Map(table.rows.map((row, i) => [row.cells[hash] ?? "", (averagesMs[i] ?? 0) / 1000]));
}

/** Invocation-weighted mean of the rows' Average durations (plain mean if none ran); undefined without data. */
function meanDuration(
  rows: readonly CsvRow[],
  totals: number[],
  averages: Map<string, number>,
): number | undefined {
  let weighted = 0;
  let weight = 0;
  let plain = 0;
  let known = 0;
  rows.forEach((row, i) => {
    const average = averages.get(row.cells[2] ?? "");
    if (average === undefined) return;
    weighted += average * (totals[i] ?? 0);
    weight += totals[i] ?? 0;
    plain += average;
    known += 1;
  });
  if (known === 0) return undefined;
  return weight > 0 ? weighted / weight : plain / known;
}

export interface AzureTexts {
  readonly invocations: string;
  /** durations.csv; without it there is no suggested processing time. */
  readonly durations?: string;
  readonly source?: string;
  readonly durationsSource?: string;
}

/** `08:00` for minute-of-day 480. */
function clockOf(minuteOfDay: number): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
}

function describeRows(rows: readonly CsvRow[], chosen: boolean, first: number, minutes: number): string {
  const row = rows[0];
  const what =
    chosen && row
      ? `function ${row.cells[2]} (${row.cells[3]} trigger)`
      : `sum of all ${rows.length} functions`;
  const span = `minutes ${first}–${first + minutes - 1} (${clockOf(first)}–${clockOf(first + minutes)})`;
  return `Azure Functions 2019 sample, invocations per minute of ${what}; ${span} of an unrecorded day`;
}

export function parseAzureFunctions(texts: AzureTexts, options: AzureOptions = {}): Trace {
  const table = readCsv(texts.invocations, texts.source ?? "invocations.csv");
  const first = firstMinute(table);
  const chosen = options.function !== undefined && options.function !== "sum";
  const rows = selectRows(table, options.function);
  const { counts, totals } = sumRows(table, rows);
  const trace: Trace = {
    name: chosen ? `azure-functions-2019:${(rows[0]?.cells[2] ?? "").slice(0, 8)}` : "azure-functions-2019",
    description: describeRows(rows, chosen, first, counts.length),
    bucketSeconds: 60,
    counts,
    scale: 1,
  };
  if (texts.durations === undefined) return trace;
  // One function: its Average; the sum: the Averages weighted by each function's invocations here.
  const averages = readAverages(texts.durations, texts.durationsSource ?? "durations.csv");
  const processingTimeSeconds = meanDuration(rows, totals, averages);
  return processingTimeSeconds === undefined ? trace : { ...trace, processingTimeSeconds };
}

/** Reads the folder `azure-functions-2019/` or its `invocations.csv` (durations.csv beside it when present). */
export function readAzureFunctions(path: string, options: AzureOptions = {}): Trace {
  const file = dataFilePath(path, SHARED_TRACE_FILES["azure-functions-2019"]);
  const durationsFile = join(dirname(file), "durations.csv");
  const durations = existsSync(durationsFile) ? readFileSync(durationsFile, "utf8") : undefined;
  const texts = { invocations: readFileSync(file, "utf8"), source: file, durationsSource: durationsFile };
  return parseAzureFunctions(durations === undefined ? texts : { ...texts, durations }, options);
}

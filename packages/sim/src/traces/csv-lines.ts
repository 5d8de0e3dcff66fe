// Minimal CSV line access for the trace files: none of them quotes fields, so a comma split is exact
// and far faster than a general CSV parser on 100k+ rows.
import { ValidationError } from "@gantry/core";

/** One data row: its 1-based line number in the file and its comma-separated cells. */
export interface CsvRow {
  readonly line: number;
  readonly cells: readonly string[];
}

/** A parsed CSV text: header cells, data rows (blank lines skipped) and the source name for messages. */
export interface CsvTable {
  readonly source: string;
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
}

/** The error for a bad line of a file: the message names `source:line`, and so does `field`. */
export function lineError(source: string, line: number, reason: string): ValidationError {
  return new ValidationError(`${source}:${line}: ${reason}`, `${source}:${line}`);
}

/** Splits a CSV text (optional BOM, LF or CRLF) into its header and rows; every row must be as wide as the header. */
export function readCsv(text: string, source: string): CsvTable {
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  const header = (lines[0] ?? "").trim().split(",");
  if (header.length === 1 && header[0] === "") throw lineError(source, 1, "the file is empty (no header)");
  const rows: CsvRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const text = (lines[i] ?? "").trim();
    if (text === "") continue;
    const cells = text.split(",");
    if (cells.length !== header.length) {
      throw lineError(
        source,
        i + 1,
        `expected ${header.length} fields like the header, found ${cells.length}`,
      );
    }
    rows.push({ line: i + 1, cells });
  }
  return { source, header, rows };
}

/** Index of a named header column, or an error naming the missing column. */
export function columnIndex(table: CsvTable, name: string): number {
  const index = table.header.indexOf(name);
  if (index < 0)
    throw lineError(table.source, 1, `missing column "${name}" in header "${table.header.join(",")}"`);
  return index;
}

/** Requires exactly the given header (case-insensitive), else an error quoting what was found. */
export function expectHeader(table: CsvTable, expected: readonly string[]): void {
  const found = table.header.map((h) => h.trim().toLowerCase());
  if (found.join(",") !== expected.join(",")) {
    throw lineError(
      table.source,
      1,
      `expected header "${expected.join(",")}", found "${table.header.join(",")}"`,
    );
  }
}

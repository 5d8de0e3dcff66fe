// WorldCup98 per-minute requests (`period,count`); the few missing minutes count 0.
import { readFileSync } from "node:fs";
import { bucketsFromTable } from "./counts-csv.ts";
import { expectHeader, readCsv } from "./csv-lines.ts";
import { dataFilePath, SHARED_TRACE_FILES } from "./shared-sources.ts";
import type { Trace } from "./trace.ts";

export function parseWorldCup98(text: string, source = "invocation_count.csv"): Trace {
  const table = readCsv(text, source);
  expectHeader(table, ["period", "count"]);
  return {
    name: "worldcup98-per-minute",
    description:
      "FIFA World Cup 1998 web site, requests per minute (ITA clock, read as UTC; missing minutes count 0)",
    ...bucketsFromTable(table, 0, 1),
    scale: 1,
  };
}

/** Reads the folder `worldcup98-per-minute/` or its `invocation_count.csv`. */
export function readWorldCup98(path: string): Trace {
  const file = dataFilePath(path, SHARED_TRACE_FILES["worldcup98-per-minute"]);
  return parseWorldCup98(readFileSync(file, "utf8"), file);
}

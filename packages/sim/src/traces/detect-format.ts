// Which reader a path needs, when the caller does not say.
//
// 1. A folder named like one in shared/traces (`worldcup98-per-minute`, ...), or any file inside such a
//    folder: that trace, read from the folder.
// 2. Another folder: the one shared-trace data file it holds (`invocation_count.csv`, ...).
// 3. Another file: its first line. `time,count` → counts; `time` or `time,duration_s` → requests;
//    `period,count` → worldcup98-per-minute; `HashOwner,HashApp,HashFunction,Trigger,...` →
//    azure-functions-2019; a header with `gmt_create` and `exec_time_seconds` → alibaba-genai-lora-requests;
//    only digits and whitespace → nasa-http-1995-per-second.
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { ValidationError } from "@gantry/core";
import { isSharedTraceName, SHARED_TRACE_FILES, type SharedTraceName } from "./shared-sources.ts";

export const TRACE_FORMATS = [
  "counts",
  "requests",
  "azure-functions-2019",
  "worldcup98-per-minute",
  "alibaba-genai-lora-requests",
  "nasa-http-1995-per-second",
] as const;

export type TraceFormat = (typeof TRACE_FORMATS)[number];

export function isTraceFormat(value: unknown): value is TraceFormat {
  return TRACE_FORMATS.some((format) => format === value);
}

/** A format and the path its reader should be given. */
export interface DetectedFormat {
  readonly format: TraceFormat;
  readonly path: string;
}

/** The first line of a file, from its first 4 KB (enough for every known header, cheap on a 10 MB file). */
function firstLine(path: string): string {
  const buffer = Buffer.alloc(4096);
  const fd = openSync(path, "r");
  try {
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    return (
      buffer
        .toString("utf8", 0, length)
        .replace(/^\uFEFF/, "")
        .split("\n")[0] ?? ""
    );
  } finally {
    closeSync(fd);
  }
}

/** The format a header line announces, if any. */
export function formatOfHeader(line: string): TraceFormat | undefined {
  const header = line.trim().toLowerCase();
  const cells = header.split(",");
  if (header === "time,count") return "counts";
  if (header === "time" || header === "time,duration_s") return "requests";
  if (header === "period,count") return "worldcup98-per-minute";
  if (header.startsWith("hashowner,hashapp,hashfunction,trigger,")) return "azure-functions-2019";
  if (cells.includes("gmt_create") && cells.includes("exec_time_seconds"))
    return "alibaba-genai-lora-requests";
  if (/^[\d\s]+$/.test(header)) return "nasa-http-1995-per-second";
  return undefined;
}

function detectInFolder(path: string): DetectedFormat {
  const name = basename(path);
  if (isSharedTraceName(name)) return { format: name, path };
  const held = Object.entries(SHARED_TRACE_FILES).filter(([, file]) => existsSync(join(path, file)));
  const [only] = held;
  if (held.length === 1 && only) return { format: only[0] as SharedTraceName, path };
  throw new ValidationError(
    `cannot tell which trace the folder ${path} holds; give options.format`,
    "format",
  );
}

export function detectFormat(path: string): DetectedFormat {
  if (statSync(path).isDirectory()) return detectInFolder(path);
  const folder = dirname(path);
  const folderName = basename(folder);
  if (isSharedTraceName(folderName)) return { format: folderName, path: folder };
  const line = firstLine(path);
  const format = formatOfHeader(line);
  if (format !== undefined) return { format, path };
  throw new ValidationError(
    `cannot tell the format of ${path} from its first line "${line.slice(0, 80)}"; give options.format`,
    "format",
  );
}

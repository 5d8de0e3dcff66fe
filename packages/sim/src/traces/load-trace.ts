// The entry point: read any supported trace, then cut and scale it the same way whatever its format.
import { existsSync } from "node:fs";
import { ValidationError } from "@gantry/core";
import { readAlibabaLora } from "./alibaba-lora.ts";
import { readAzureFunctions } from "./azure-functions.ts";
import { readCountsCsv } from "./counts-csv.ts";
import {
  type DetectedFormat,
  detectFormat,
  isTraceFormat,
  TRACE_FORMATS,
  type TraceFormat,
} from "./detect-format.ts";
import { readNasaHttp } from "./nasa-http.ts";
import { readRequestsCsv } from "./requests-csv.ts";
import { checkScaleOptions, scaleTrace } from "./scale.ts";
import { cutTrace, lowerBound, resolveSlice, type TimeOption } from "./slice.ts";
import type { Trace } from "./trace.ts";
import { readWorldCup98 } from "./worldcup98.ts";

export interface LoadTraceOptions {
  /** Reader to use; detected from the path when absent (see detect-format.ts). */
  readonly format?: TraceFormat;
  /** Rate multiplier F > 0 (see scale.ts); default 1. */
  readonly scale?: number;
  /** Seed for the fractional part of a request trace's scale; default 0. */
  readonly seed?: number;
  /** Start of the slice (see slice.ts): seconds, a duration like `2h`, or an ISO-8601 timestamp. */
  readonly from?: TimeOption;
  /** End of the slice, exclusive, same forms as `from`. */
  readonly to?: TimeOption;
  /** Azure only: `sum` (default) or a HashFunction or unique prefix of ≥ 8 hex digits. */
  readonly function?: string;
}

const OPTION_NAMES = new Set(["format", "scale", "seed", "from", "to", "function"]);

function checkTimeOption(value: unknown, field: string): void {
  if (value !== undefined && typeof value !== "number" && typeof value !== "string") {
    throw new ValidationError(`${field} must be a number of seconds or a string, not ${typeof value}`, field);
  }
}

/** Checks what can be checked before reading the file, so a typo fails fast. */
function checkOptions(options: LoadTraceOptions): void {
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.has(key)) throw new ValidationError(`unknown option "${key}"`, key);
  }
  if (options.format !== undefined && !isTraceFormat(options.format)) {
    throw new ValidationError(
      `format "${options.format}" is not one of ${TRACE_FORMATS.join(", ")}`,
      "format",
    );
  }
  if (options.function !== undefined && typeof options.function !== "string") {
    throw new ValidationError("function must be a string", "function");
  }
  checkScaleOptions(options.scale ?? 1, options.seed);
  checkTimeOption(options.from, "from");
  checkTimeOption(options.to, "to");
}

function read(detected: DetectedFormat, options: LoadTraceOptions): Trace {
  if (options.function !== undefined && detected.format !== "azure-functions-2019") {
    throw new ValidationError(
      `function applies to azure-functions-2019 only, not ${detected.format}`,
      "function",
    );
  }
  switch (detected.format) {
    case "counts":
      return readCountsCsv(detected.path);
    case "requests":
      return readRequestsCsv(detected.path);
    case "azure-functions-2019":
      return readAzureFunctions(
        detected.path,
        options.function === undefined ? {} : { function: options.function },
      );
    case "worldcup98-per-minute":
      return readWorldCup98(detected.path);
    case "alibaba-genai-lora-requests":
      return readAlibabaLora(detected.path);
    case "nasa-http-1995-per-second":
      return readNasaHttp(detected.path);
  }
}

/** Reads the trace at `path` (file or folder), cuts [from, to) out of it, then scales it. */
export function loadTrace(path: string, options: LoadTraceOptions = {}): Trace {
  checkOptions(options);
  if (!existsSync(path)) throw new ValidationError(`trace path ${path} does not exist`, "path");
  const detected = options.format === undefined ? detectFormat(path) : { format: options.format, path };
  const trace = read(detected, options);
  const { fromSeconds, toSeconds } = resolveSlice(trace, options);
  // Slice first so scaling only copies the window; firstIndex keeps the seeded choice the source's.
  const firstIndex = trace.requests === undefined ? 0 : lowerBound(trace.requests.arrivals, fromSeconds);
  const cut = cutTrace(trace, fromSeconds, toSeconds);
  return scaleTrace(cut, { factor: options.scale ?? 1, seed: options.seed ?? 0, firstIndex });
}

// The public traces in shared/traces: folder name → the data file its reader parses.
import { statSync } from "node:fs";
import { join } from "node:path";

export const SHARED_TRACE_FILES = {
  "azure-functions-2019": "invocations.csv",
  "worldcup98-per-minute": "invocation_count.csv",
  "alibaba-genai-lora-requests": "lora_request_trace.csv",
  "nasa-http-1995-per-second": "workload.txt",
} as const;

export type SharedTraceName = keyof typeof SHARED_TRACE_FILES;

export function isSharedTraceName(name: string): name is SharedTraceName {
  return Object.hasOwn(SHARED_TRACE_FILES, name);
}

/** The file a reader parses: `path` itself, or the named data file when `path` is a folder. */
export function dataFilePath(path: string, fileName: string): string {
  return statSync(path).isDirectory() ? join(path, fileName) : path;
}

// Alibaba GenAI (Stable Diffusion + LoRA) serving: one row per request, `exec_time_seconds` as processing time.
import { readFileSync } from "node:fs";
import { columnIndex, readCsv } from "./csv-lines.ts";
import { requestsFromTable } from "./requests-csv.ts";
import { dataFilePath, SHARED_TRACE_FILES } from "./shared-sources.ts";
import type { Trace } from "./trace.ts";

/**
 * Every row is a request, whatever its `predict_status`: FAILED, PENDING and PROCESSING requests still
 * arrived as messages and held a worker for their recorded `exec_time_seconds`, so they are kept as is.
 */
export function parseAlibabaLora(text: string, source = "lora_request_trace.csv"): Trace {
  const table = readCsv(text, source);
  const time = columnIndex(table, "gmt_create");
  const data = requestsFromTable(table, time, columnIndex(table, "exec_time_seconds"));
  return {
    name: "alibaba-genai-lora-requests",
    description:
      `Alibaba GenAI SD+LoRA serving, ${data.requests.arrivals.length} requests of any status with ` +
      "exec_time_seconds processing times (1 s stamps, clock as given, read as UTC)",
    ...data,
    scale: 1,
  };
}

/** Reads the folder `alibaba-genai-lora-requests/` or its `lora_request_trace.csv`. */
export function readAlibabaLora(path: string): Trace {
  const file = dataFilePath(path, SHARED_TRACE_FILES["alibaba-genai-lora-requests"]);
  return parseAlibabaLora(readFileSync(file, "utf8"), file);
}

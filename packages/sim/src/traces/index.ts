// Workload-trace readers of the simulator: see load-trace.ts for the entry point.
export { parseAlibabaLora, readAlibabaLora } from "./alibaba-lora.ts";
export {
  type AzureOptions,
  type AzureTexts,
  parseAzureFunctions,
  readAzureFunctions,
} from "./azure-functions.ts";
export { parseCountsCsv, readCountsCsv } from "./counts-csv.ts";
export { type DetectedFormat, detectFormat, TRACE_FORMATS, type TraceFormat } from "./detect-format.ts";
export {
  heldOutSplitSeconds,
  isTracePart,
  partWindow,
  TRACE_PARTS,
  type TracePart,
  TUNE_SHARE,
  tracePart,
} from "./held-out.ts";
export { type LoadTraceOptions, loadTrace } from "./load-trace.ts";
export { parseNasaHttp, readNasaHttp } from "./nasa-http.ts";
export { parseRequestsCsv, readRequestsCsv } from "./requests-csv.ts";
export { MAX_SCALED_REQUESTS, type ScaleOptions, scaleTrace } from "./scale.ts";
export { type SliceOptions, sliceTrace, type TimeOption } from "./slice.ts";
export {
  averageProcessingSeconds,
  type ClockJump,
  type Trace,
  type TraceRequests,
  totalCount,
  traceSeconds,
} from "./trace.ts";
export { parseWorldCup98, readWorldCup98 } from "./worldcup98.ts";

// The trace readers alone, for code that validates an uploaded trace without bundling the simulator (the api
// Lambda): the CSV formats, the trace record and its measures, and the time parsing they share.
export { parseCountsCsv } from "./counts-csv.ts";
export { parseRequestsCsv } from "./requests-csv.ts";
export { looksLikeTimestamp, parseDecimal, parseIsoTimestamp } from "./time.ts";
export { type Trace, totalCount, traceSeconds } from "./trace.ts";

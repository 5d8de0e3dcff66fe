// The local stack's in-memory adapters: what `gantry dev` runs on in place of DynamoDB (state, capacity,
// backtest jobs), EventBridge and CloudWatch alarms. Production code for the local stack, not test doubles:
// most record their calls (CallLog), which the dev fault injection and the tests read. Exported as
// `@gantry/runtime/local-stack`.
export { CallLog, type RecordedCall } from "./call-log.ts";
export { MemoryCapacityStore } from "./memory-capacity-store.ts";
export { MemoryJobStore } from "./memory-job-store.ts";
export { MemorySeriesStore } from "./memory-series-store.ts";
export { MemoryStateStore } from "./memory-state-store.ts";
export { RecordingAlarmPort } from "./recording-alarm-port.ts";
export { RecordingEventsPort } from "./recording-events-port.ts";

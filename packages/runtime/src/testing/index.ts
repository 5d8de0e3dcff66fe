export { type FakeCall, FakeCalls } from "./fake-calls.ts";
export { MemoryStateStore } from "./memory-state-store.ts";
export { RecordingAlarmPort } from "./recording-alarm-port.ts";
export { RecordingEventsPort } from "./recording-events-port.ts";

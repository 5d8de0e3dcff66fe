export { type FaultCounts, FaultInjector, type FaultPlan, withFaults } from "./fault-injector.ts";
export { isRetryable, withRetries } from "./with-retries.ts";

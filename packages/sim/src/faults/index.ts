export { aroundMethods } from "./around-methods.ts";
export {
  type FaultAction,
  type FaultHook,
  type FaultHookOptions,
  type HookedCall,
  never,
  withFaultHooks,
} from "./fault-hooks.ts";
export { type FaultCounts, FaultInjector, type FaultPlan, withFaults } from "./fault-injector.ts";
export { isRetryable, withRetries } from "./with-retries.ts";

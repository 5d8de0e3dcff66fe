// The pieces of the decision functions that the simulator's baseline scalers (AWS target tracking, KEDA/HPA)
// and the runtime's chart samples reuse, so they round, bucket datapoints, rate-limit and read live metrics
// exactly as the core does. Exported as
// `@gantry/core/building-blocks`, apart from the core's main entry.
export { clampToBounds } from "./capacity-bounds.ts";
export { allBreach, recentBuckets } from "./datapoints.ts";
export {
  DEFAULT_SCALE_DOWN_POLICIES,
  DEFAULT_SCALE_UP_POLICIES,
  limitRate,
  longestRatePeriodMs,
} from "./hpa-rate-limits.ts";
export { stabilizationWindows, stabilize } from "./hpa-stabilization.ts";
export { sampleLiveMetric } from "./live-metric.ts";
export { ceilTolerant } from "./rounding.ts";

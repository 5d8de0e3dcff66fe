// What a scaler sees at a step: the same reads the real one makes, from the simulated account.
import type { SimService } from "../account/sim-service.ts";
import type { ScalerView } from "../scalers/scaler.ts";

export function createScalerView(service: SimService, now: number): ScalerView {
  return {
    now,
    service: service.snapshot(),
    queue: service.reportedDepth(now),
    cloudwatch: (metric, sinceMs) => service.datapoints(metric, sinceMs, now),
  };
}

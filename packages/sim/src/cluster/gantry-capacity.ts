// Gantry's second stage in the simulation: right after the service scalers, the core's `planCapacity` sizes
// the cluster from the new desired counts in the same pass, then its drains and instance count are applied.
import { type CapacityConfig, type CapacityPlan, type CapacityState, planCapacity } from "@gantry/core";
import type { CapacityScaler } from "./capacity-scaler.ts";

export interface GantryCapacityScaler extends CapacityScaler {
  /** The last plan, for tests and explanations. */
  readonly lastPlan: CapacityPlan | undefined;
}

export function createGantryCapacity(config: CapacityConfig, intervalSeconds = 15): GantryCapacityScaler {
  let state: CapacityState | undefined;
  let lastPlan: CapacityPlan | undefined;
  return {
    name: "gantry",
    intervalSeconds,
    get lastPlan() {
      return lastPlan;
    },
    step({ now, cluster, services }) {
      const plan = planCapacity({
        now,
        config,
        services: [...services],
        instances: cluster.snapshot(now),
        instanceShape: cluster.shape,
        ...(state !== undefined && { state }),
      });
      state = plan.state;
      lastPlan = plan;
      cluster.drain(plan.drain, now);
      cluster.setDesiredInstances(plan.desiredInstances, now);
    },
  };
}

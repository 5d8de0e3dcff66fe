import {
  CAPACITY_STATE_VERSION,
  type CapacityConfig,
  type CapacityPlan,
  type CapacityState,
  type InstanceState,
  type ServiceDemand,
} from "@gantry/core";

/**
 * The plan while no instance of the group is registered with ECS, so the instance size is unknown: ECS's own
 * answer to "tasks but no instances" (reservation 200 %) is to launch the minimum step, and so does Gantry — at
 * least one instance (and `minInstances`) when any service wants tasks, then it sizes from the registered one.
 * Instances already launching are waited for.
 */
export function bootstrapPlan(
  config: CapacityConfig,
  services: readonly ServiceDemand[],
  instances: readonly InstanceState[],
  now: number,
  state: CapacityState | undefined,
): CapacityPlan {
  const current = instances.filter((i) => i.lifecycle !== "Terminating" && !i.draining).length;
  const wantsTasks = services.some((s) => s.desiredCount > 0);
  const wanted = Math.max(config.minInstances, wantsTasks ? config.minimumScalingStepSize : 0);
  const desired = Math.min(Math.max(current, wanted), config.maxInstances);
  const step = desired - current;
  const message =
    step > 0
      ? `no instance registered with ECS yet, so the instance size is unknown: launching ${step} to learn it`
      : "no instance registered with ECS yet: waiting for the instances launching to register";
  return {
    desiredInstances: desired,
    step,
    action: step > 0 ? "ScaleOut" : "None",
    drain: [],
    protect: [],
    unprotect: [],
    reservation: current === 0 ? (wantsTasks ? 200 : 100) : 0,
    reasons: [{ code: step > 0 ? "CapacityNeeded" : "InstancesWarmingUp", message }],
    state: {
      version: CAPACITY_STATE_VERSION,
      unneededSince: {},
      ...state,
      ...(step > 0 && { lastScaleOutAt: now }),
    },
  };
}

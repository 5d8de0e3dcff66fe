import type { CapacityConfig, CapacityReason, ClusterSnapshot } from "@gantry/core";

/** The group desired capacity to set, and why it differs from the one wanted (as core's clamps explain). */
export interface GroupDesired {
  value: number;
  reason?: CapacityReason;
}

/**
 * Keeps a desired capacity inside the group's MinSize and MaxSize, which Auto Scaling enforces by rejecting
 * SetDesiredCapacity (ValidationError). The desired capacity counts the instances still draining on top of the
 * plan's, so it can pass MaxSize even when the plan stays within maxInstances: the plan's instances beyond MaxSize
 * then launch as the draining ones terminate (each termination lowers the desired capacity by one).
 */
export function boundGroupDesired(
  planned: number,
  draining: number,
  group: Pick<ClusterSnapshot, "groupMinSize" | "groupMaxSize">,
): GroupDesired {
  const wanted = planned + draining;
  const { groupMinSize: min, groupMaxSize: max } = group;
  const sum = draining > 0 ? ` (${planned} planned + ${draining} draining)` : "";
  if (wanted > max) {
    const waiting = wanted - max;
    const effect =
      draining > 0
        ? `${plural(waiting, "planned instance")} ${waiting === 1 ? "waits" : "wait"} for draining ones to terminate`
        : `${plural(waiting, "planned instance")} cannot launch until MaxSize is raised or maxInstances lowered`;
    return {
      value: max,
      reason: {
        code: "AtGroupMaxSize",
        message: `${wanted} instances wanted in the group${sum}, capped at its MaxSize ${max}: ${effect}`,
      },
    };
  }
  if (wanted < min) {
    return {
      value: min,
      reason: {
        code: "AtGroupMinSize",
        message: `${wanted} instances wanted in the group${sum}, held at its MinSize ${min}`,
      },
    };
  }
  return { value: wanted };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * The plan's bounds inside the group's: never below its MinSize (a drained instance terminated there would take
 * the desired capacity below it, which Auto Scaling refuses) nor above its MaxSize. The plan's reasons then say
 * AtMinInstances / AtMaxInstances with the group's figure.
 */
export function withinGroupSize(
  config: CapacityConfig,
  group: Pick<ClusterSnapshot, "groupMinSize" | "groupMaxSize">,
): CapacityConfig {
  const maxInstances = Math.min(config.maxInstances, group.groupMaxSize);
  const minInstances = Math.min(Math.max(config.minInstances, group.groupMinSize), maxInstances);
  if (minInstances === config.minInstances && maxInstances === config.maxInstances) return config;
  return { ...config, minInstances, maxInstances };
}

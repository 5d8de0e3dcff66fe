// Mode `capacityProvider`: Gantry takes the provider's scaling over rather than share the group with ECS.
// With managed scaling on, ECS keeps a target tracking policy on the group and "manages the scale-in and scale-out
// actions" itself [AWS API_ManagedScaling]; a second controller setting the same desired capacity would fight it.
// Turning managed scaling off makes ECS remove that policy and its alarms [AWS cluster-auto-scaling], and managed
// termination protection "doesn't work" without managed scaling [AWS API_AutoScalingGroupProviderUpdate], so both
// go off in one UpdateCapacityProvider; Gantry then protects busy instances and drains before terminating, as in
// mode `asg`, and plans with the provider's targetCapacity (which the update keeps).
import type { Activity, CapacityState, ClusterSnapshot } from "@gantry/core";
import { CAPACITY_STATE_VERSION } from "@gantry/core";
import { causeOf, toActivity } from "../activity-record.ts";
import { errorInfo } from "../error-info.ts";
import { capacityTargetId } from "./capacity-activity.ts";
import type { CapacityGroup } from "./capacity-groups.ts";
import type { CapacityStageDeps } from "./capacity-stage-deps.ts";

/** The provider still has ECS's managed scaling or managed termination protection on. */
export function needsTakeover(snapshot: ClusterSnapshot): boolean {
  const p = snapshot.provider;
  return p !== undefined && (p.managedScaling || p.managedTerminationProtection);
}

/**
 * The state to plan with in the pass that takes over. Under managed termination protection ECS protected every
 * busy instance: that protection becomes Gantry's, to lift once an instance is idle. Left as it is, it would read
 * as protection a user set, and Gantry never drains such an instance.
 */
export function adoptedState(
  state: CapacityState | undefined,
  snapshot: ClusterSnapshot,
): CapacityState | undefined {
  if (!snapshot.provider?.managedTerminationProtection) return state;
  const ecsProtected = snapshot.instances.filter((i) => i.protectedFromScaleIn).map((i) => i.id);
  const base: CapacityState = state ?? { version: CAPACITY_STATE_VERSION, unneededSince: {} };
  return { ...base, protectedByGantry: [...new Set([...(base.protectedByGantry ?? []), ...ecsProtected])] };
}

/**
 * UpdateCapacityProvider, then an activity saying so. It runs before the plan is claimed: two concurrent passes may
 * both send it (the same update, harmless) and both record it. A failure throws: the group fails alone, visibly,
 * and Gantry does not touch a group ECS still drives; the next pass tries again.
 */
export async function takeOverProvider(
  group: CapacityGroup,
  snapshot: ClusterSnapshot,
  deps: CapacityStageDeps,
): Promise<Activity> {
  const startTime = deps.clock.now();
  await deps.port.takeOverScaling(group.config);
  const p = snapshot.provider;
  const turnedOff = [
    p?.managedScaling && "managed scaling",
    p?.managedTerminationProtection && "managed termination protection",
  ].filter(Boolean);
  const message =
    `ManagedScalingTakenOver: capacity provider ${group.name}: ${turnedOff.join(" and ")} turned off ` +
    `(UpdateCapacityProvider); Gantry sizes its group at targetCapacity ${p?.targetCapacity ?? 100} % and ` +
    "protects busy instances itself: two controllers on one group would fight";
  const activity = toActivity(
    {
      targetId: capacityTargetId(group.name),
      startTime,
      endTime: deps.clock.now(),
      cause: causeOf(deps.trigger),
      status: "Successful",
      statusMessage: message,
      action: "None",
      fromCapacity: snapshot.groupDesired,
      toCapacity: snapshot.groupDesired,
      reasons: [],
      dryRun: false,
    },
    deps.randomId(),
  );
  deps.log.info("capacity provider taken over", { capacity: group.name, turnedOff });
  try {
    await deps.activities.putActivity(activity);
  } catch (error) {
    // The update stands: the next pass reads the provider as Gantry's, and the log keeps the record.
    deps.log.error("recording the takeover failed", { capacity: group.name, ...errorInfo(error) });
  }
  return activity;
}

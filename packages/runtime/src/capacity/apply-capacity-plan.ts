import type {
  CapacityConfig,
  CapacityPlan,
  CapacityReason,
  ClusterCapacityPort,
  ClusterSnapshot,
} from "@gantry/core";
import { boundGroupDesired } from "./group-size-limits.ts";

/**
 * SetDesiredCapacity failed: carries the capacity it asked for, so an unknown outcome can be settled later from
 * the group's real desired capacity.
 */
export class GroupDesiredWriteError extends Error {
  readonly groupDesired: number;

  constructor(groupDesired: number, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "GroupDesiredWriteError";
    this.groupDesired = groupDesired;
  }
}

async function setGroupDesired(
  port: ClusterCapacityPort,
  config: CapacityConfig,
  desired: number,
): Promise<void> {
  try {
    await port.setDesiredInstances(config, desired);
  } catch (error) {
    throw new GroupDesiredWriteError(desired, error);
  }
}

/** What applying a plan did, for the activity and the stored record. */
export interface Applied {
  /** The group's desired capacity after this pass. */
  groupDesired: number;
  drained: string[];
  terminated: string[];
  protected: string[];
  unprotected: string[];
  /** Why the group's desired capacity differs from the plan's instances plus those draining (MinSize, MaxSize). */
  limit?: CapacityReason;
}

export interface ApplyInput {
  config: CapacityConfig;
  cluster: string;
  plan: CapacityPlan;
  snapshot: ClusterSnapshot;
  /** Instances Gantry drained in earlier passes. */
  drainedByGantry: ReadonlySet<string>;
}

/**
 * Gantry owns scale-in (mode `asg`, or a capacity provider it has taken over): protect busy instances first (so no change below can take them), drain what the plan
 * drains, terminate what Gantry drained and has emptied, then set the group's desired capacity. The group keeps
 * counting draining instances until they are terminated, so Auto Scaling never picks a victim itself. That sum
 * is kept inside the group's MinSize and MaxSize, which Auto Scaling enforces.
 */
export async function applyOwnedPlan(port: ClusterCapacityPort, input: ApplyInput): Promise<Applied> {
  const { config, cluster, plan, snapshot } = input;
  // The plan names every busy instance each pass; only those not protected yet need a call.
  const already = new Set(snapshot.instances.filter((i) => i.protectedFromScaleIn).map((i) => i.id));
  const protect = plan.protect.filter((id) => !already.has(id));
  if (protect.length > 0) await port.setProtection(config, protect, true);
  if (plan.unprotect.length > 0) await port.setProtection(config, plan.unprotect, false);
  const { missing } = plan.drain.length > 0 ? await port.drain(cluster, plan.drain) : { missing: [] };
  const drained = plan.drain.filter((id) => !missing.includes(id));
  const terminated = toTerminate(input);
  if (terminated.length > 0) await port.terminate(config, terminated);
  const bounded = ownedGroupDesired(input, drained, terminated);
  const groupDesired = bounded.value;
  // Each termination already took one off the group's desired capacity.
  if (groupDesired !== snapshot.groupDesired - terminated.length) {
    await setGroupDesired(port, config, groupDesired);
  }
  return {
    groupDesired,
    drained,
    terminated,
    protected: protect,
    unprotected: plan.unprotect,
    ...(bounded.reason && { limit: bounded.reason }),
  };
}

/** Instances Gantry drained in earlier passes that are now empty: terminated, decrementing the group. */
function toTerminate(input: ApplyInput): string[] {
  return input.snapshot.instances
    .filter((i) => i.draining && i.lifecycle === "InService" && i.tasks.length === 0)
    .filter((i) => input.drainedByGantry.has(i.id) && !i.protectedFromScaleIn)
    .map((i) => i.id);
}

/** The group's desired capacity once the plan is applied: its instances plus those still draining, bounded. */
function ownedGroupDesired(input: ApplyInput, drained: readonly string[], terminated: readonly string[]) {
  const { plan, snapshot } = input;
  const gone = new Set(terminated);
  const stillDraining = snapshot.instances.filter(
    (i) => i.lifecycle !== "Terminating" && (i.draining || drained.includes(i.id)) && !gone.has(i.id),
  ).length;
  return boundGroupDesired(plan.desiredInstances, stillDraining, snapshot);
}

/**
 * What applying the plan will leave the group's desired capacity at (every drain assumed to land), and whether
 * it changes anything worth a pending marker; known before the first call, so the claim can carry it.
 */
export function intendedChange(input: ApplyInput): { groupDesired: number; changes: boolean } {
  const { plan, snapshot } = input;
  const terminated = toTerminate(input);
  const groupDesired = ownedGroupDesired(input, plan.drain, terminated).value;
  const changes = groupDesired !== snapshot.groupDesired || terminated.length > 0 || plan.drain.length > 0;
  return { groupDesired, changes };
}

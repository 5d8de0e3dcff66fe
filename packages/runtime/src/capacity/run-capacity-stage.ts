import {
  type Activity,
  type CapacityPlan,
  type CapacityRecord,
  type ClusterSnapshot,
  ConflictError,
  planCapacity,
  type StoredCapacityRecord,
  type TargetConfig,
  withProviderTarget,
} from "@gantry/core";
import { errorInfo } from "../error-info.ts";
import type { TargetOutcome } from "../reconciler-types.ts";
import { type Applied, applyOwnedPlan } from "./apply-capacity-plan.ts";
import { bootstrapPlan } from "./bootstrap-plan.ts";
import { type CapacityOutcome, capacityTargetId, changed } from "./capacity-activity.ts";
import { type CapacityGroup, capacityGroups, serviceDemands } from "./capacity-groups.ts";
import type { CapacityStageDeps, Claimed } from "./capacity-stage-deps.ts";
import { withinGroupSize } from "./group-size-limits.ts";
import type { PendingCapacity } from "./pending-capacity.ts";
import { markerFor, settleStored } from "./pending-capacity.ts";
import { adoptedState, needsTakeover, takeOverProvider } from "./provider-takeover.ts";
import { clearPending, recordApplied, recordError } from "./record-capacity.ts";

export type { CapacityStageDeps } from "./capacity-stage-deps.ts";

export interface CapacityStageResult {
  outcomes: CapacityOutcome[];
  /** Recorded, for the pass to publish with the services' activities. */
  activities: Activity[];
}

/**
 * Stage 2, right after stage 1 in the same pass: for every group with a target in `outcomes`, read the cluster,
 * plan with the services' new desired counts, claim the plan's state (a conditional write, so of two concurrent
 * passes only one acts), then apply it. `targets` are all targets, so a group is planned with all its services
 * even when the pass (an alarm) reconciled only one. Never throws: a group's failure is its outcome alone.
 */
export async function runCapacityStage(
  targets: readonly TargetConfig[],
  outcomes: readonly TargetOutcome[],
  deps: CapacityStageDeps,
): Promise<CapacityStageResult> {
  const byTarget = new Map(outcomes.map((o) => [o.targetId, o]));
  const result: CapacityStageResult = { outcomes: [], activities: [] };
  let groups: CapacityGroup[];
  try {
    groups = capacityGroups(targets).filter((g) => g.serviceIds.some((id) => byTarget.has(id)));
  } catch (error) {
    deps.log.error("capacity stage: grouping targets failed", errorInfo(error));
    return result;
  }
  for (const group of groups) {
    const { outcome, activities } = await runGroup(group, byTarget, deps);
    result.outcomes.push(outcome);
    result.activities.push(...activities);
  }
  return result;
}

type GroupResult = { outcome: CapacityOutcome; activities: Activity[] };

async function runGroup(
  group: CapacityGroup,
  byTarget: ReadonlyMap<string, TargetOutcome>,
  deps: CapacityStageDeps,
): Promise<GroupResult> {
  const startTime = deps.clock.now();
  const base = emptyOutcome(group.name);
  const settled: Activity[] = [];
  let applied: Applied | undefined;
  let claimed: Claimed | undefined;
  try {
    if (group.problem) throw new Error(`capacity ${group.name}: ${group.problem}`);
    if (group.mismatched) deps.log.warn("targets disagree on capacity settings", { capacity: group.name });
    const { plan, snapshot, stored } = await planGroup(group, byTarget, deps);
    Object.assign(base, fromPlan(plan, snapshot));
    if (needsTakeover(snapshot)) settled.push(await takeOverProvider(group, snapshot, deps));
    const held = await settleStored(stored, snapshot, deps, settled);
    if (held) return { outcome: { ...base, ...held }, activities: settled };
    const input = {
      config: group.config,
      cluster: group.cluster,
      plan,
      snapshot,
      drainedByGantry: drainedSet(stored),
    };
    claimed = await claim(group, plan, snapshot, stored, deps, markerFor(base, input, startTime, deps));
    if (!claimed) {
      const error = { code: "Conflict", message: "another invocation planned this group first" };
      return { outcome: { ...base, status: "Conflict", error }, activities: settled };
    }
    applied = await applyOwnedPlan(deps.port, input);
    const outcome: CapacityOutcome = {
      ...base,
      status: changed(applied, plan.step) ? "Successful" : "Unchanged",
      drained: applied.drained,
      terminated: applied.terminated,
      // A MinSize or MaxSize the group's desired capacity was kept to says why the group differs from the plan.
      reasons: applied.limit ? [...base.reasons, applied.limit] : base.reasons,
    };
    if (outcome.status === "Unchanged") {
      await clearPending(group.name, claimed, deps);
      return { outcome, activities: settled };
    }
    return withSettled(await recordApplied(outcome, applied, claimed, startTime, deps), settled);
  } catch (error) {
    return withSettled(await recordError(base, error, applied, claimed, startTime, deps), settled);
  }
}

function withSettled(
  result: { outcome: CapacityOutcome; activity: Activity },
  settled: Activity[],
): GroupResult {
  return { outcome: result.outcome, activities: [...settled, result.activity] };
}

async function planGroup(
  group: CapacityGroup,
  byTarget: ReadonlyMap<string, TargetOutcome>,
  deps: CapacityStageDeps,
) {
  const { port, ecs, store, clock } = deps;
  const [described, snapshot, stored] = await Promise.all([
    ecs.describeServices(group.serviceIds),
    port.describeCluster(group.config, group.cluster, group.serviceIds),
    store.get(group.name),
  ]);
  // A service ECS could not describe would be planned without its tasks, and its instances drained under it:
  // the group fails alone (the other groups have their own describe) rather than plan blind.
  deps.onSnapshot?.(group.name, snapshot);
  const [failed] = described.failed;
  if (failed) throw failed.error;
  const snapshots = new Map(described.services.map((s) => [s.id, s]));
  const { services, unsized } = serviceDemands(group.serviceIds, snapshots, byTarget, snapshot.taskSizes);
  if (unsized.length > 0)
    deps.log.warn("services left out of capacity planning", { capacity: group.name, unsized });
  const now = clock.now();
  // A capacity provider's targetCapacity is honoured (the lower of it and the block's), inside the group's sizes.
  const config = withinGroupSize(withProviderTarget(group.config, snapshot.provider), snapshot);
  const state = needsTakeover(snapshot) ? adoptedState(stored?.state, snapshot) : stored?.state;
  const plan = snapshot.instanceShape
    ? planCapacity({
        now,
        config,
        services,
        instances: snapshot.instances,
        instanceShape: snapshot.instanceShape,
        ...(state && { state }),
      })
    : bootstrapPlan(config, services, snapshot.instances, now, state);
  return { plan, snapshot, stored };
}

/**
 * Saves the plan's state before acting, with the pending change when it changes the group (any older one was
 * settled above); the record and its new version, or undefined when another invocation wrote since we read.
 */
async function claim(
  group: CapacityGroup,
  plan: CapacityPlan,
  snapshot: ClusterSnapshot,
  stored: StoredCapacityRecord | undefined,
  deps: CapacityStageDeps,
  pending: PendingCapacity | undefined,
): Promise<Claimed | undefined> {
  const present = new Set(snapshot.instances.filter((i) => i.lifecycle !== "Terminating").map((i) => i.id));
  const drainedByGantry = [...new Set([...drainedSet(stored), ...plan.drain])].filter((id) =>
    present.has(id),
  );
  const record: CapacityRecord = { state: plan.state, drainedByGantry, ...(pending && { pending }) };
  try {
    return { record, version: await deps.store.put(group.name, record, stored?.version ?? 0) };
  } catch (error) {
    if (error instanceof ConflictError) return undefined;
    throw error;
  }
}

function fromPlan(plan: CapacityPlan, snapshot: ClusterSnapshot): Partial<CapacityOutcome> {
  const usable = snapshot.instances.filter((i) => i.lifecycle !== "Terminating" && !i.draining).length;
  return {
    action: plan.action,
    fromInstances: usable,
    toInstances: plan.desiredInstances,
    reasons: plan.reasons,
  };
}

function drainedSet(stored: StoredCapacityRecord | undefined): Set<string> {
  return new Set(stored?.drainedByGantry ?? []);
}

function emptyOutcome(name: string): CapacityOutcome {
  return {
    name,
    targetId: capacityTargetId(name),
    status: "Unchanged",
    action: "None",
    fromInstances: 0,
    toInstances: 0,
    drained: [],
    terminated: [],
    reasons: [],
  };
}

import {
  type Activity,
  type CapacityPlan,
  type CapacityRecord,
  type CapacityStateStore,
  type Clock,
  type ClusterCapacityPort,
  type ClusterSnapshot,
  ConflictError,
  type EcsPort,
  planCapacity,
  type StateStore,
  type StoredCapacityRecord,
  type TargetConfig,
  type Trigger,
} from "@gantry/core";
import { causeOf } from "../activity-record.ts";
import { errorInfo } from "../error-info.ts";
import type { ReconcileLogger, TargetOutcome } from "../reconciler-types.ts";
import {
  type Applied,
  applyOwnedPlan,
  applyScaleOutOnly,
  type GroupDesiredWriteError,
} from "./apply-capacity-plan.ts";
import { bootstrapPlan } from "./bootstrap-plan.ts";
import { type CapacityOutcome, capacityActivity, capacityTargetId, changed } from "./capacity-activity.ts";
import { type CapacityGroup, capacityGroups, serviceDemands } from "./capacity-groups.ts";
import { withinGroupSize } from "./group-size-limits.ts";
import { capacityErrorInfo, settleGroup, unknownActivity, unknownGroupWrite } from "./pending-capacity.ts";

export interface CapacityStageDeps {
  port: ClusterCapacityPort;
  store: CapacityStateStore;
  ecs: EcsPort;
  activities: Pick<StateStore, "putActivity">;
  clock: Clock;
  log: ReconcileLogger;
  randomId: () => string;
  trigger?: Trigger;
}

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
  let claimed: { record: CapacityRecord; version: number } | undefined;
  try {
    if (group.problem) throw new Error(`capacity ${group.name}: ${group.problem}`);
    if (group.mismatched) deps.log.warn("targets disagree on capacity settings", { capacity: group.name });
    const { plan, snapshot, stored } = await planGroup(group, byTarget, deps);
    if (stored?.pending) settled.push(await settleGroup(stored.pending, snapshot, deps));
    Object.assign(base, fromPlan(plan, snapshot));
    claimed = await claim(group, plan, snapshot, stored, deps);
    if (!claimed) {
      const error = { code: "Conflict", message: "another invocation planned this group first" };
      return { outcome: { ...base, status: "Conflict", error }, activities: settled };
    }
    const input = {
      config: group.config,
      cluster: group.cluster,
      plan,
      snapshot,
      drainedByGantry: drainedSet(stored),
    };
    applied =
      snapshot.scaleInOwner === "ecs"
        ? await applyScaleOutOnly(deps.port, input)
        : await applyOwnedPlan(deps.port, input);
    // With ECS owning scale-in, a plan to shrink is ECS's to carry out: report no change from Gantry.
    const heldForEcs = snapshot.scaleInOwner === "ecs" && plan.step <= 0;
    if (heldForEcs) Object.assign(base, { action: "None", toInstances: base.fromInstances });
    const outcome: CapacityOutcome = {
      ...base,
      status: changed(applied, heldForEcs ? 0 : plan.step) ? "Successful" : "Unchanged",
      drained: applied.drained,
      terminated: applied.terminated,
      // A MinSize or MaxSize the group's desired capacity was kept to says why the group differs from the plan.
      reasons: applied.limit ? [...base.reasons, applied.limit] : base.reasons,
    };
    if (outcome.status === "Unchanged") return { outcome, activities: settled };
    return withSettled(await record(outcome, applied, startTime, deps), settled);
  } catch (error) {
    const info = capacityErrorInfo(error);
    deps.log.error("capacity stage failed", { capacity: group.name, ...info });
    const unknown = unknownGroupWrite(error);
    if (unknown && claimed)
      return withSettled(await recordUnknown(base, unknown, claimed, startTime, deps), settled);
    return withSettled(
      await record({ ...base, status: "Failed", error: info }, applied, startTime, deps),
      settled,
    );
  }
}

function withSettled(
  result: { outcome: CapacityOutcome; activity: Activity },
  settled: Activity[],
): GroupResult {
  return { outcome: result.outcome, activities: [...settled, result.activity] };
}

/**
 * SetDesiredCapacity may have happened: an InProgress activity, kept with the claimed record as pending, so the
 * next pass settles it from the group's real desired capacity. The plan is absolute, so nothing is re-stepped.
 */
async function recordUnknown(
  base: CapacityOutcome,
  error: GroupDesiredWriteError,
  claimed: { record: CapacityRecord; version: number },
  startTime: number,
  deps: CapacityStageDeps,
): Promise<{ outcome: CapacityOutcome; activity: Activity }> {
  const outcome: CapacityOutcome = { ...base, status: "Unknown", error: capacityErrorInfo(error) };
  const times = { startTime, endTime: deps.clock.now(), cause: causeOf(deps.trigger) };
  const activity = unknownActivity(capacityActivity(outcome, undefined, times, deps.randomId()), error);
  try {
    await deps.activities.putActivity(activity);
    const pending = { activity, groupDesired: error.groupDesired };
    await deps.store.put(base.name, { ...claimed.record, pending }, claimed.version);
  } catch (failure) {
    deps.log.error("recording the unknown capacity change failed", {
      capacity: base.name,
      ...errorInfo(failure),
    });
  }
  return { outcome: { ...outcome, activityId: activity.activityId }, activity };
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
  const [failed] = described.failed;
  if (failed) throw failed.error;
  const snapshots = new Map(described.services.map((s) => [s.id, s]));
  const { services, unsized } = serviceDemands(group.serviceIds, snapshots, byTarget, snapshot.taskSizes);
  if (unsized.length > 0)
    deps.log.warn("services left out of capacity planning", { capacity: group.name, unsized });
  const now = clock.now();
  const config = withinGroupSize(group.config, snapshot);
  const plan = snapshot.instanceShape
    ? planCapacity({
        now,
        config,
        services,
        instances: snapshot.instances,
        instanceShape: snapshot.instanceShape,
        ...(stored && { state: stored.state }),
      })
    : bootstrapPlan(config, services, snapshot.instances, now, stored?.state);
  return { plan, snapshot, stored };
}

/**
 * Saves the plan's state before acting (without any pending change, which this pass has settled); the record
 * and its new version, or undefined when another invocation wrote since we read.
 */
async function claim(
  group: CapacityGroup,
  plan: CapacityPlan,
  snapshot: ClusterSnapshot,
  stored: StoredCapacityRecord | undefined,
  deps: CapacityStageDeps,
): Promise<{ record: CapacityRecord; version: number } | undefined> {
  const present = new Set(snapshot.instances.filter((i) => i.lifecycle !== "Terminating").map((i) => i.id));
  const drainedByGantry = [...new Set([...drainedSet(stored), ...plan.drain])].filter((id) =>
    present.has(id),
  );
  const record: CapacityRecord = { state: plan.state, drainedByGantry };
  try {
    return { record, version: await deps.store.put(group.name, record, stored?.version ?? 0) };
  } catch (error) {
    if (error instanceof ConflictError) return undefined;
    throw error;
  }
}

async function record(
  outcome: CapacityOutcome,
  applied: Applied | undefined,
  startTime: number,
  deps: CapacityStageDeps,
): Promise<{ outcome: CapacityOutcome; activity: Activity }> {
  const times = { startTime, endTime: deps.clock.now(), cause: causeOf(deps.trigger) };
  const activity = capacityActivity(outcome, applied, times, deps.randomId());
  const withId = { ...outcome, activityId: activity.activityId };
  try {
    await deps.activities.putActivity(activity);
  } catch (error) {
    deps.log.error("recording the capacity activity failed", { capacity: outcome.name, ...errorInfo(error) });
  }
  return { outcome: withId, activity };
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

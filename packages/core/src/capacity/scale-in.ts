import { placeOnto } from "./bin-packing.ts";
import type { CapacityReason } from "./capacity-reason.ts";
import type { CapacityPlanInput, InstanceState } from "./cluster-model.ts";
import { count, listIds } from "./counting.ts";
import type { Demand } from "./demand.ts";
import { acceptsTasks, binOf, isUserProtected, isWarmingUp, utilization } from "./instance-status.ts";
import {
  type DrainSimulation,
  type StrandCheck,
  simulateDrains,
  strandedBy,
} from "./placement-simulation.ts";
import { scaleInGuards } from "./scale-in-guards.ts";

export interface ScaleInOutcome {
  drain: string[];
  unneededSince: Record<string, number>;
  reasons: CapacityReason[];
}

/**
 * Drains at most `room` instances (and at most maximumScalingStepSize), each only once it has been unneeded for
 * scaleInUnneededSeconds and only if the placement simulation fits all their tasks on the instances that stay.
 * Unneeded time keeps counting while a guard blocks; it restarts when an instance is needed again.
 */
export function planScaleIn(
  input: CapacityPlanInput,
  room: number,
  demand: Demand,
  protectedByGantry: ReadonlySet<string>,
): ScaleInOutcome {
  const { now, config } = input;
  const hosts = input.instances.filter(acceptsTasks).map(binOf);
  // Tasks still to place (a crash loop, a drain in progress) must fit too, but must not block scale-in forever.
  const loaded = placeOnto(hosts, demand.toPlace).bins;
  const stranded: StrandCheck = (leaving) =>
    Math.max(strandedBy(leaving, hosts), strandedBy(leaving, loaded));

  const unneeded = simulateDrains(drainCandidates(input, protectedByGantry), stranded, room);
  const previous = input.state?.unneededSince ?? {};
  const unneededSince = Object.fromEntries(unneeded.accepted.map((id) => [id, previous[id] ?? now]));
  const guards = scaleInGuards(input);
  if (guards.length > 0) {
    return { drain: [], unneededSince, reasons: [...guards, ...wouldNotFit(unneeded.rejected)] };
  }

  const waitMs = config.scaleInUnneededSeconds * 1000;
  const ripe = unneeded.accepted.filter((id) => now - (unneededSince[id] ?? now) >= waitMs);
  const young = unneeded.accepted.filter((id) => !ripe.includes(id));
  const limit = Math.min(room, config.maximumScalingStepSize);
  const drains = simulateDrains(ripe, stranded, limit);
  const reasons = [
    ...unneededTooShort(young, unneededSince, now, config.scaleInUnneededSeconds),
    ...wouldNotFit([...unneeded.rejected, ...drains.rejected]),
    ...stepClamped(drains, config.maximumScalingStepSize),
  ];
  if (drains.accepted.length > 0) reasons.push(drainReason(drains.accepted, hosts.length, input.instances));
  return { drain: drains.accepted, unneededSince, reasons };
}

/** In service, past warm-up, not pinned by the user; emptiest first, newest first on ties (cheapest to move). */
function drainCandidates(input: CapacityPlanInput, protectedByGantry: ReadonlySet<string>): string[] {
  const warmup = input.config.instanceWarmupSeconds;
  return input.instances
    .filter(
      (i) => acceptsTasks(i) && !isWarmingUp(i, input.now, warmup) && !isUserProtected(i, protectedByGantry),
    )
    .map((instance) => ({ instance, load: utilization(binOf(instance)) }))
    .sort(
      (a, b) =>
        a.load - b.load ||
        a.instance.tasks.length - b.instance.tasks.length ||
        b.instance.launchTime - a.instance.launchTime ||
        a.instance.id.localeCompare(b.instance.id),
    )
    .map((c) => c.instance.id);
}

function unneededTooShort(
  ids: readonly string[],
  since: Record<string, number>,
  now: number,
  seconds: number,
): CapacityReason[] {
  if (ids.length === 0) return [];
  const ages = ids.map((id) => `${id} for ${Math.floor((now - (since[id] ?? now)) / 1000)} s`);
  return [
    { code: "UnneededTooShort", message: `unneeded ${listIds(ages)}: drained after ${seconds} s unneeded` },
  ];
}

function wouldNotFit(rejected: DrainSimulation["rejected"]): CapacityReason[] {
  const seen = new Map(rejected.map((r) => [r.id, r.stranded]));
  if (seen.size === 0) return [];
  const items = [...seen].map(([id, n]) => `${id} (${count(n, "task")} would not fit)`);
  return [
    {
      code: "TasksWouldNotFit",
      message: `kept ${listIds(items)}: draining would strand tasks the other instances have no room for`,
    },
  ];
}

function stepClamped(drains: DrainSimulation, maxStep: number): CapacityReason[] {
  if (drains.untried.length === 0 || drains.accepted.length < maxStep) return [];
  return [
    {
      code: "StepClamped",
      message: `at most ${count(maxStep, "instance")} drained per step (maximumScalingStepSize): ${listIds(drains.untried)} wait`,
    },
  ];
}

function drainReason(
  drain: readonly string[],
  hosts: number,
  instances: readonly InstanceState[],
): CapacityReason {
  const leaving = new Set(drain);
  const tasks = instances.filter((i) => leaving.has(i.id)).reduce((n, i) => n + i.tasks.length, 0);
  return {
    code: "DrainInstances",
    message: `draining ${listIds(drain)} (${count(tasks, "task")}): the placement simulation fits every task on the ${count(hosts - drain.length, "remaining instance")}`,
  };
}

// The fault suite's invariants, measured from what the simulated account applied (its DesiredHistory), what the
// store accepted and what the API answered: never from the activities Gantry wrote about itself, except to
// check that those activities exist.
import type { Activity, TargetConfig } from "@gantry/core";
import type { AppliedChange } from "@gantry/sim";
import type { Caller } from "./fault-context.ts";
import type { FaultWorld, InjectedFault, PassRecord } from "./fault-world.ts";

/** After a fault on a target, how long it may stay busy: the pending grace (90 s) and a pass to settle it. */
const LINGER_MS = 150_000;
const DECIDED: ReadonlySet<string> = new Set(["Successful", "Unchanged", "DryRun"]);

export interface Invariants {
  /** Desired counts applied outside [min, max] of every config the target had while the invocation ran. */
  boundViolations: number;
  /** Steps applied twice (see countDoubleSteps). */
  doubleSteps: number;
  /** 2xx config writes not visible afterwards, without a later 2xx write that replaced them. */
  lostConfigWrites: number;
  /** Changes the account applied without a Successful activity for them. */
  lostActivityRecords: number;
  /** Outcomes of targets no fault touched that were not decided in their pass. */
  otherTargetsAffected: number;
  /** Config writes without If-Match answered 409 or 412 (or any other 4xx). */
  unconditionalWritesRefused: number;
}

type Change = AppliedChange<Caller>;

export async function measureInvariants(world: FaultWorld): Promise<Invariants> {
  return {
    boundViolations: countBoundViolations(world),
    doubleSteps: countDoubleSteps(world),
    lostConfigWrites: await countLostConfigWrites(world),
    lostActivityRecords: lostActivities(world).lost,
    otherTargetsAffected: affectedOutcomes(world).length,
    unconditionalWritesRefused: world.configWrites.filter(
      (w) => !w.conditional && w.status >= 400 && w.status < 500,
    ).length,
  };
}

/** Changes that changed something (an UpdateService to the same count is not a change). */
export function appliedChanges(world: FaultWorld, kind: "service" | "group" | "all" = "all"): Change[] {
  return world.history.changes.filter(
    (c) =>
      c.from !== c.to &&
      (kind === "all" || c.resource.startsWith(kind === "service" ? "service/" : "group/")),
  );
}

function countBoundViolations(world: FaultWorld): number {
  const startOf = new Map(world.runner.invocations.map((i) => [i.id, i.startedAt]));
  let violations = 0;
  for (const change of appliedChanges(world, "service")) {
    const since = startOf.get(change.caller.invocation) ?? change.at;
    const configs = configsDuring(world, change.resource, since, change.at);
    const inside = configs.some(
      (c) => change.to >= c.target.minCapacity && change.to <= c.target.maxCapacity,
    );
    if (!inside) violations++;
  }
  for (const change of appliedChanges(world, "group")) {
    const { minSize = 0, maxSize = 20 } = world.capacityOptions ?? {};
    if (change.to < minSize || change.to > maxSize) violations++;
  }
  return violations;
}

/** The configs a target had at some instant of [from, to]: the one current at `from` and those written since. */
function configsDuring(world: FaultWorld, targetId: string, from: number, to: number): TargetConfig[] {
  const stored = world.storedConfigs.filter((s) => s.targetId === targetId);
  const before = stored.filter((s) => s.at <= from).at(-1);
  const during = stored.filter((s) => s.at > from && s.at <= to);
  return [...(before ? [before] : []), ...during].map((s) => s.config);
}

/**
 * A double step is one scaling step applied twice. A step policy runs at most once per datapoint (one period of
 * its alarm metric: the datapoint a step rests on) and at most once per alarm event (EventBridge and Lambda may
 * deliver one event several times). From the account's history: a step-scaled target's applied increases are
 * grouped by the datapoint their pass decided on (the pass start's period) and, for alarm invocations, by the
 * event id; every increase beyond the first of a group is a double step. A wake from zero (from = 0) is the
 * scale-to-zero activation, not a step, and is left out.
 */
export function countDoubleSteps(world: FaultWorld): number {
  const extra = new Set<Change>();
  for (const [targetId, periodMs] of stepTargets(world)) {
    const increases = stepIncreases(world, targetId);
    const byDatapoint = groupBy(increases, (c) => Math.floor((c.caller.passStart ?? c.at) / periodMs));
    const byEvent = groupBy(
      increases.filter((c) => c.caller.eventId !== undefined),
      (c) => c.caller.eventId,
    );
    for (const group of [...byDatapoint.values(), ...byEvent.values()]) {
      for (const change of group.slice(1)) extra.add(change);
    }
  }
  return extra.size;
}

/** The applied increases of a step-scaled target that are steps (not a wake from zero). */
function stepIncreases(world: FaultWorld, targetId: string): Change[] {
  return appliedChanges(world, "service").filter(
    (c) => c.resource === targetId && c.to > c.from && c.from > 0,
  );
}

/** Steps applied on every step-scaled target. */
export function countSteps(world: FaultWorld): number {
  return [...stepTargets(world).keys()].reduce((sum, id) => sum + stepIncreases(world, id).length, 0);
}

/** Targets with a step policy, and the shortest alarm period among them (ms). */
function stepTargets(world: FaultWorld): Map<string, number> {
  const targets = new Map<string, number>();
  for (const { config } of world.storedConfigs) {
    for (const policy of config.policies) {
      if (policy.type !== "StepScaling") continue;
      const periodMs = policy.alarm.periodSeconds * 1000;
      const known = targets.get(config.target.id) ?? Number.POSITIVE_INFINITY;
      targets.set(config.target.id, Math.min(known, periodMs));
    }
  }
  return targets;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/**
 * Every 2xx config write stays visible (the store holds its version or a later one, and its config unless a later
 * 2xx write replaced it). A write whose answer was lost (5xx) may or may not have landed: it proves nothing.
 */
async function countLostConfigWrites(world: FaultWorld): Promise<number> {
  let lost = 0;
  const acked = world.configWrites.filter(
    (w) => w.status >= 200 && w.status < 300 && w.version !== undefined,
  );
  for (const write of acked) {
    const current = await world.read(write.targetId);
    const replaced = acked.some(
      (w) => w.targetId === write.targetId && (w.version ?? 0) > (write.version ?? 0),
    );
    if (!write.visibleAfter) lost++;
    else if (current === undefined || current.version < (write.version ?? 0)) lost++;
    else if (!replaced && !sameConfig(current.config, write.config)) lost++;
  }
  return lost;
}

function sameConfig(a: TargetConfig, b: TargetConfig): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Each applied change of a service needs a Successful activity of that target ending at its new count (matched
 * one to one); each change of a group needs a Successful capacity activity whose span contains it. Successful
 * activities left unmatched are reported as phantoms (a change claimed that the account never made).
 */
export function lostActivities(world: FaultWorld): {
  lost: number;
  /** Of `lost`, the changes of Auto Scaling groups (stage 2). */
  lostGroups: number;
  phantoms: number;
  records: number;
} {
  let lost = 0;
  let lostGroups = 0;
  let phantoms = 0;
  let records = 0;
  const services = appliedChanges(world, "service");
  for (const targetId of new Set([
    ...services.map((c) => c.resource),
    ...world.storedConfigs.map((s) => s.targetId),
  ])) {
    const successful = done(world.memory.activitiesOf(targetId));
    records += successful.length;
    const left = successful.map((a) => a.toCapacity);
    for (const change of services.filter((c) => c.resource === targetId)) {
      const index = left.indexOf(change.to);
      if (index === -1) lost++;
      else left.splice(index, 1);
    }
    phantoms += left.length;
  }
  const groups = appliedChanges(world, "group");
  for (const name of new Set(groups.map((c) => c.resource.slice("group/".length)))) {
    // A group's activity may change instances without a plan step (a termination): its action is None.
    const successful = world.memory
      .activitiesOf(`capacity/${name}`)
      .filter((a) => a.status === "Successful" && !a.dryRun);
    records += successful.length;
    for (const change of groups.filter((c) => c.resource === `group/${name}`)) {
      if (!successful.some((a) => a.startTime <= change.at && change.at <= (a.endTime ?? a.startTime))) {
        lostGroups++;
      }
    }
  }
  return { lost: lost + lostGroups, lostGroups, phantoms, records };
}

function done(activities: readonly Activity[]): Activity[] {
  return activities.filter((a) => a.status === "Successful" && !a.dryRun && a.action !== "None");
}

/**
 * Outcomes of targets untouched by any fault that were not decided on time. A target is touched by a fault
 * from the moment a failure reached Gantry for it (after the SDK's retries), or a hard stop cut a call about it,
 * until LINGER_MS later (its change may be pending that long); a shared call's failure touches every target,
 * and the scenario's own faulty targets are touched throughout. An untouched target must be decided in every
 * pass (Successful, Unchanged or DryRun); it may lose to another invocation running at the same time (Conflict),
 * and be skipped only in an invocation given too little time.
 */
export function affectedOutcomes(
  world: FaultWorld,
): { pass: PassRecord; targetId: string; status: string }[] {
  const affected: { pass: PassRecord; targetId: string; status: string }[] = [];
  for (const pass of world.passes) {
    for (const outcome of pass.summary.outcomes) {
      const { targetId, status } = outcome;
      if (world.faultyTargets.has(targetId) || touched(world.surfaced, targetId, pass)) continue;
      if (DECIDED.has(status)) continue;
      if (status === "Skipped" && pass.invocation.shortDeadline) continue;
      if (status === "Conflict" && overlapped(world, pass)) continue;
      affected.push({ pass, targetId, status });
    }
  }
  return affected;
}

function touched(faults: readonly InjectedFault[], targetId: string, pass: PassRecord): boolean {
  return faults.some(
    (f) =>
      f.at <= pass.end &&
      f.at >= pass.start - LINGER_MS &&
      (f.subjects === "all" || f.subjects.includes(targetId)),
  );
}

/** Another tick or alarm invocation ran during the pass. */
function overlapped(world: FaultWorld, pass: PassRecord): boolean {
  return world.runner.invocations.some(
    (i) =>
      i !== pass.invocation &&
      i.kind !== "api" &&
      i.startedAt <= pass.end &&
      (i.endedAt === undefined || i.endedAt >= pass.start),
  );
}

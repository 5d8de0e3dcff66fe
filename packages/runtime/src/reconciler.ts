import { randomBytes } from "node:crypto";
import {
  type Activity,
  CorruptItemError,
  mapBounded,
  NotFoundError,
  type StateStore,
  type TargetProblem,
  type TargetRecord,
} from "@gantry/core";
import { syncAlarms } from "./alarm-sync.ts";
import { capacityOf } from "./apply/apply-change.ts";
import { runStageTwo } from "./capacity/stage-two.ts";
import { errorInfo } from "./error-info.ts";
import { planObservation } from "./observation-plan.ts";
import { DEFAULT_QUEUE_CONCURRENCY, observe, type TargetObservation } from "./observe.ts";
import { reconcileTarget } from "./reconcile-target.ts";
import type {
  ReconcileLogger,
  ReconcileOptions,
  Reconciler,
  ReconcilerDeps,
  ReconcileSummary,
  TargetOutcome,
} from "./reconciler-types.ts";
import { logProblems } from "./target-problems.ts";
import type { TargetResult, TargetRun } from "./target-run.ts";

export const DEFAULT_SAFETY_MS = 2_000;
export const DEFAULT_TARGET_CONCURRENCY = 4;

const SILENT: ReconcileLogger = { info() {}, warn() {}, error() {} };

/**
 * The reconciler, independent of Lambda: candidates (the targets) → observe them all in batches → decide and
 * act per target → publish the activities. The same code runs in the tick and alarm handlers, in `npm start`
 * and against the simulator.
 */
export function createReconciler(deps: ReconcilerDeps): Reconciler {
  return { reconcile: (options) => reconcilePass(deps, options) };
}

async function reconcilePass(deps: ReconcilerDeps, options: ReconcileOptions): Promise<ReconcileSummary> {
  const log = deps.log ?? SILENT;
  const startedAt = deps.clock.now();
  const cutoff = options.deadline - (options.safetyMs ?? DEFAULT_SAFETY_MS);
  const { records, failed, problems } = await loadTargets(deps.store, options.targetIds);
  // A named corrupt target is a Failed outcome, logged as such; the others only show up here.
  if (options.targetIds === undefined) logProblems(log, problems);
  const results = [...(await reconcileAll(records, deps, options, cutoff, log)), ...failed];
  for (const { outcome } of results) logOutcome(log, outcome);
  const capacity = await runStageTwo(deps, options, records, results, cutoff, log);
  await publish(deps, [...activitiesOf(results), ...(capacity?.activities ?? [])], log);
  const shouldSyncAlarms = deps.alarms && options.targetIds === undefined && options.syncAlarms !== false;
  if (shouldSyncAlarms) await syncManagedAlarms(deps, records, problems, cutoff, log);
  const finishedAt = deps.clock.now();
  const outcomes = results.map((r) => r.outcome);
  report(deps, outcomes, finishedAt - startedAt);
  deps.telemetry?.record("CorruptItems", problems.length, "Count");
  return { startedAt, finishedAt, outcomes, problems, ...(capacity && { capacity: capacity.outcomes }) };
}

function activitiesOf(results: readonly TargetResult[]): Activity[] {
  return results.flatMap((r) => r.activities);
}

interface LoadedTargets {
  records: TargetRecord[];
  failed: TargetResult[];
  /** The corrupt items met: left out of a full pass, failed (CorruptItem) in a named one. */
  problems: TargetProblem[];
}

/** Every target, or the named ones (the alarm handler); a named target that cannot be read fails alone. */
async function loadTargets(
  store: StateStore,
  targetIds: readonly string[] | undefined,
): Promise<LoadedTargets> {
  if (targetIds === undefined) return { ...(await store.listTargets()), failed: [] };
  const loaded: LoadedTargets = { records: [], failed: [], problems: [] };
  for (const targetId of new Set(targetIds)) {
    try {
      const record = await store.getTarget(targetId);
      if (!record) throw new NotFoundError(`no target ${targetId}`, "targetId");
      loaded.records.push(record);
    } catch (error) {
      loaded.failed.push({ outcome: unreadTarget(targetId, error), activities: [] });
      if (error instanceof CorruptItemError) loaded.problems.push({ targetId, message: error.message });
    }
  }
  return loaded;
}

async function reconcileAll(
  records: readonly TargetRecord[],
  deps: ReconcilerDeps,
  options: ReconcileOptions,
  cutoff: number,
  log: ReconcileLogger,
): Promise<TargetResult[]> {
  const { clock } = deps;
  if (records.length === 0) return [];
  if (clock.now() >= cutoff) {
    return records.map((record) => ({ outcome: skipped(record, undefined), activities: [] }));
  }
  const queueConcurrency = options.queueConcurrency ?? DEFAULT_QUEUE_CONCURRENCY;
  const ports = { ecs: deps.ecs, metrics: deps.metrics, queues: deps.queues };
  const plan = planObservation(
    records.map((r) => r.config),
    clock.now(),
  );
  const observed = await observe(plan, ports, { queueConcurrency });
  const run: TargetRun = {
    store: deps.store,
    ports,
    clock,
    trigger: options.trigger,
    cutoff,
    queueConcurrency,
    randomId: deps.randomId ?? (() => randomBytes(4).toString("hex")),
    log,
  };
  return mapBounded(records, options.targetConcurrency ?? DEFAULT_TARGET_CONCURRENCY, (record) => {
    const observation = observed.get(record.config.target.id) as TargetObservation;
    if (clock.now() >= cutoff)
      return Promise.resolve({ outcome: skipped(record, observation), activities: [] });
    return reconcileTarget(record, observation, run);
  });
}

/** One PutEvents for the pass; losing the events must not undo or fail the scaling they describe. */
async function publish(deps: ReconcilerDeps, activities: readonly Activity[], log: ReconcileLogger) {
  if (activities.length === 0) return;
  try {
    await deps.events.publishActivities(activities);
  } catch (error) {
    log.error("publishing activities failed", { count: activities.length, ...errorInfo(error) });
    deps.telemetry?.record("ActivityPublishFailures", activities.length, "Count");
  }
}

/**
 * Full passes only: a pass over some targets cannot tell which alarms are orphans. Nor can a pass that could not
 * read every target: it deletes no orphan, which could be an unreadable target's wake alarm.
 */
async function syncManagedAlarms(
  deps: ReconcilerDeps,
  records: readonly TargetRecord[],
  problems: readonly TargetProblem[],
  cutoff: number,
  log: ReconcileLogger,
): Promise<void> {
  if (!deps.alarms) return;
  if (deps.clock.now() >= cutoff) {
    log.warn("no time left to sync alarms; the next pass will");
    return;
  }
  try {
    const result = await syncAlarms(
      records.map((r) => r.config),
      deps.alarms,
      deps.alarmStage,
      { keepOrphans: problems.length > 0 },
    );
    for (const failure of result.failed) log.error("alarm sync failed", { ...failure });
    if (result.held.length > 0) {
      const unreadable = problems.map((p) => p.targetId);
      log.warn("orphan alarms kept: some targets could not be read", { held: result.held, unreadable });
    }
    if (result.created.length + result.deleted.length > 0) {
      log.info("alarms synced", { created: result.created, deleted: result.deleted });
    }
    deps.telemetry?.record("AlarmsCreated", result.created.length, "Count");
    deps.telemetry?.record("AlarmsDeleted", result.deleted.length, "Count");
    deps.telemetry?.record("AlarmSyncFailures", result.failed.length, "Count");
  } catch (error) {
    log.error("listing managed alarms failed", errorInfo(error));
    deps.telemetry?.record("AlarmSyncFailures", 1, "Count");
  }
}

function skipped(record: TargetRecord, observed: TargetObservation | undefined): TargetOutcome {
  const capacity = capacityOf(record, observed);
  return {
    targetId: record.config.target.id,
    status: "Skipped",
    action: "None",
    fromCapacity: capacity,
    toCapacity: capacity,
  };
}

function unreadTarget(targetId: string, error: unknown): TargetOutcome {
  return {
    targetId,
    status: "Failed",
    action: "None",
    fromCapacity: 0,
    toCapacity: 0,
    error: errorInfo(error),
  };
}

function logOutcome(log: ReconcileLogger, outcome: TargetOutcome): void {
  const fields = { ...outcome };
  if (outcome.status === "Failed") log.error("target failed", fields);
  else if (outcome.status === "Conflict") log.warn("target lost to a concurrent invocation", fields);
  else if (outcome.status === "Unknown") log.warn("target's change has an unknown outcome", fields);
  else log.info("target reconciled", fields);
}

function report(deps: ReconcilerDeps, outcomes: readonly TargetOutcome[], durationMs: number): void {
  const telemetry = deps.telemetry;
  if (!telemetry) return;
  const count = (test: (o: TargetOutcome) => boolean) => outcomes.filter(test).length;
  const decided = (o: TargetOutcome) =>
    o.status === "Successful" || o.status === "Unchanged" || o.status === "DryRun";
  telemetry.record("Decisions", count(decided), "Count");
  telemetry.record(
    "ScaleOuts",
    count((o) => o.status === "Successful" && o.action === "ScaleOut"),
    "Count",
  );
  telemetry.record(
    "ScaleIns",
    count((o) => o.status === "Successful" && o.action === "ScaleIn"),
    "Count",
  );
  telemetry.record(
    "DryRuns",
    count((o) => o.status === "DryRun"),
    "Count",
  );
  telemetry.record(
    "Failures",
    count((o) => o.status === "Failed"),
    "Count",
  );
  telemetry.record(
    "UnknownOutcomes",
    count((o) => o.status === "Unknown"),
    "Count",
  );
  telemetry.record(
    "Conflicts",
    count((o) => o.status === "Conflict"),
    "Count",
  );
  telemetry.record(
    "Skipped",
    count((o) => o.status === "Skipped"),
    "Count",
  );
  telemetry.record("PassDuration", durationMs, "Milliseconds");
  for (const o of outcomes)
    if (decided(o)) telemetry.record("DesiredCapacity", o.toCapacity, "None", o.targetId);
}

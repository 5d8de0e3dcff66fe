import { randomBytes } from "node:crypto";
import { mapBounded, type TargetRecord } from "@gantry/core";
import { capacityOf } from "./apply/apply-change.ts";
import { DEFAULT_QUEUE_CONCURRENCY, type TargetObservation } from "./observe.ts";
import { observePass } from "./observe-pass.ts";
import { servicesManagedElsewhere } from "./other-controllers.ts";
import { nextReadAt } from "./read-schedule.ts";
import { reconcileTarget } from "./reconcile-target.ts";
import type { ReconcileLogger, ReconcileOptions, ReconcilerDeps, TargetOutcome } from "./reconciler-types.ts";
import type { TargetMemory } from "./target-memory.ts";
import type { TargetResult, TargetRun } from "./target-run.ts";

/** Targets decided and applied at once: one per 200 targets, between 4 and 32 (see targetConcurrencyFor). */
export const MIN_TARGET_CONCURRENCY = 4;
export const MAX_TARGET_CONCURRENCY = 32;

/**
 * Sized to the pass: most targets change nothing and need no call, but each one that acts makes a few
 * sequential calls (the claim, UpdateService, its activity, clearing the claim), about 150 ms at 30 ms each. At
 * 5 % acting, 10,000 targets are 500 × 150 ms = 75 s of calls: 32 at once take under 3 s. The cap keeps the
 * SDK's 50 sockets per client shared with the next pass's reads, and ECS's UpdateService rate in sight.
 */
export function targetConcurrencyFor(targets: number): number {
  return Math.min(MAX_TARGET_CONCURRENCY, Math.max(MIN_TARGET_CONCURRENCY, Math.ceil(targets / 200)));
}

export interface PassResults {
  /** In the order given. */
  results: TargetResult[];
  /** What the pass saw of each target (empty when it was cut before observing). */
  observed: ReadonlyMap<string, TargetObservation>;
  /** How many targets stayed at rest (not read from CloudWatch nor decided). */
  resting: number;
}

/**
 * Observe every target at once, then settle, decide and apply each, in `order`, a bounded number at a time. No
 * target is started at or after `cutoff`: those are Skipped. Targets rest (read-schedule.ts) on full passes
 * only: the alarm handler's passes read and decide the targets they name.
 */
export async function reconcileAll(
  order: readonly TargetRecord[],
  deps: ReconcilerDeps,
  options: ReconcileOptions,
  cutoff: number,
  log: ReconcileLogger,
  memory: TargetMemory,
): Promise<PassResults> {
  const { clock } = deps;
  if (order.length === 0) return { results: [], observed: new Map(), resting: 0 };
  if (clock.now() >= cutoff)
    return { results: order.map((r) => skippedResult(r, undefined)), observed: new Map(), resting: 0 };
  const queueConcurrency = options.queueConcurrency ?? DEFAULT_QUEUE_CONCURRENCY;
  const ports = { ecs: deps.ecs, metrics: deps.metrics, queues: deps.queues };
  const now = clock.now();
  const full = options.targetIds === undefined;
  // Predictive targets never rest (read-schedule.ts): their histories are read alongside, when due.
  const [{ observed, resting }, managedElsewhere, histories] = await Promise.all([
    observePass(order, ports, { now, queueConcurrency, ...(full && { memory }) }),
    servicesManagedElsewhere(deps, order, log),
    memory.arrivals.read(
      order.map((r) => r.config),
      deps.metrics,
      now,
      { log, telemetry: deps.telemetry },
    ),
  ]);
  const run: TargetRun = {
    store: deps.store,
    ports,
    clock,
    trigger: options.trigger,
    cutoff,
    queueConcurrency,
    randomId: deps.randomId ?? (() => randomBytes(4).toString("hex")),
    log,
    managedElsewhere,
    memory,
    histories,
  };
  const concurrency = options.targetConcurrency ?? targetConcurrencyFor(order.length);
  const results = await mapBounded(order, concurrency, async (record) => {
    const observation = observed.get(record.config.target.id) as TargetObservation;
    if (clock.now() >= cutoff) return skippedResult(record, observation);
    if (resting.has(record.config.target.id)) return restingResult(record, observation);
    const result = await reconcileTarget(record, observation, run);
    remember(record, result, memory, full);
    return result;
  });
  return { results, observed, resting: resting.size };
}

/**
 * What the next pass starts from: the unsaved state of a decision that changed nothing, and when its CloudWatch
 * metrics are next needed (only once its managed alarms are known to be in place; see read-schedule.ts).
 */
function remember(record: TargetRecord, result: TargetResult, memory: TargetMemory, full: boolean): void {
  if (result.atRest === undefined) {
    memory.forget(record.config.target.id);
    return;
  }
  const { attempt, stateVersion } = result.atRest;
  const readAt =
    full && memory.alarmed(attempt.record)
      ? nextReadAt({
          config: attempt.record.config,
          observation: attempt.observation,
          decision: attempt.decision,
          now: attempt.now,
        })
      : undefined;
  const { state } = attempt.decision;
  memory.remember(attempt.record, stateVersion, { state, observation: attempt.observation, readAt });
}

function restingResult(record: TargetRecord, observed: TargetObservation): TargetResult {
  const capacity = capacityOf(record, observed);
  const outcome: TargetOutcome = {
    targetId: record.config.target.id,
    status: "Unchanged",
    action: "None",
    fromCapacity: capacity,
    toCapacity: capacity,
  };
  return { outcome, activities: [] };
}

export function skippedResult(record: TargetRecord, observed: TargetObservation | undefined): TargetResult {
  const capacity = capacityOf(record, observed);
  const outcome: TargetOutcome = {
    targetId: record.config.target.id,
    status: "Skipped",
    action: "None",
    fromCapacity: capacity,
    toCapacity: capacity,
  };
  return { outcome, activities: [] };
}

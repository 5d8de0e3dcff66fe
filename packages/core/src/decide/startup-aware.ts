import type { Reason } from "../model/decision.ts";
import type { NeedHistory } from "../model/need-history.ts";
import type { OfferedLoad } from "../model/offered-load.ts";
import type { Policy } from "../model/policy.ts";
import type { ArrivalHistory, LoadFloor, Predictive, StartupAware } from "../model/startup-behavior.ts";
import { batchesLastTask, batchFromZero } from "./batch-from-zero.ts";
import { holdStartingTasks, type Launches } from "./billed-minimum.ts";
import { keepIdleTasks } from "./break-even-scale-in.ts";
import type { DecisionContext } from "./context.ts";
import { recordNeed } from "./need-history.ts";
import { applyLoadFloor } from "./offered-load-floor.ts";
import { applyForecastFloor } from "./predictive-floor.ts";

export interface StartupAwareResult {
  value: number;
  reasons: Reason[];
  /** The need history to keep; only with break-even scale-in. */
  need?: NeedHistory;
  /** The last evaluation that saw no message waiting; only with batched launch from zero. */
  emptyAt?: number;
  /** Launches still starting; only with minimumBilledSeconds. */
  launches?: Launches;
  /** The offered load's memory; only with loadFloor. */
  load?: OfferedLoad;
}

/**
 * Startup-aware scaling after HPA behavior, before min/max: the offered-load floor holds the recent load, a launch
 * from zero waits for a batch, the forecast floor raises capacity ahead of a rise, scale-in waits while tasks are
 * still starting where each is billed a minimum, then break-even scale-in keeps the idle tasks whose reuse is
 * expected within a start. Only the batch defers a launch (and only while the oldest message can still start in
 * time); the others only hold or raise the value. None runs unless the target's behavior.startup asks for it.
 * `need` is the capacity the policies asked for, before behavior.
 */
export function applyStartupAware(
  value: number,
  ctx: DecisionContext,
  policies: readonly Policy[],
  history: ArrivalHistory | undefined,
  need: number,
): StartupAwareResult {
  const startup = ctx.behavior?.startup;
  const out: StartupAwareResult = { value, reasons: [] };
  if (!startup) return out;
  const start = startup.taskStartSeconds;
  if (startup.loadFloor) loadFloorStep(out, ctx, policies, startup.loadFloor);
  if (startup.maxWaitSeconds !== undefined) batchStep(out, ctx, policies, startup.maxWaitSeconds, start);
  if (startup.predictive && !ctx.target.suspendedState.dynamicScalingOutSuspended)
    forecastStep(out, ctx, startup.predictive, start, history);
  if (startup.minimumBilledSeconds !== undefined) billedStep(out, ctx, startup.minimumBilledSeconds, start);
  if (startup.breakEvenScaleIn) breakEvenStep(out, ctx, need, startup);
  return out;
}

function loadFloorStep(
  out: StartupAwareResult,
  ctx: DecisionContext,
  policies: readonly Policy[],
  loadFloor: LoadFloor,
) {
  const floor = applyLoadFloor(out.value, policies, ctx, loadFloor);
  out.value = floor.value;
  if (floor.load) out.load = floor.load;
  if (floor.reason) out.reasons.push(floor.reason);
}

function batchStep(
  out: StartupAwareResult,
  ctx: DecisionContext,
  policies: readonly Policy[],
  wait: number,
  start: number,
) {
  const batch = batchFromZero(out.value, policies, ctx, wait, start);
  out.value = batch.value;
  if (batch.emptyAt !== undefined) out.emptyAt = batch.emptyAt;
  if (batch.reason) out.reasons.push(batch.reason);
}

function forecastStep(
  out: StartupAwareResult,
  ctx: DecisionContext,
  predictive: Predictive,
  start: number,
  history: ArrivalHistory | undefined,
) {
  const floor = applyForecastFloor(out.value, ctx.now, predictive, start, history);
  out.value = floor.value;
  if (floor.reason) out.reasons.push(floor.reason);
}

function billedStep(out: StartupAwareResult, ctx: DecisionContext, minimumSeconds: number, start: number) {
  const held = holdStartingTasks(out.value, ctx, minimumSeconds, start);
  out.value = held.value;
  out.launches = held.launches;
  if (held.reason) out.reasons.push(held.reason);
}

function breakEvenStep(out: StartupAwareResult, ctx: DecisionContext, need: number, startup: StartupAware) {
  out.need = recordNeed(ctx.previous?.need, ctx.now, need);
  const lowest = batchesLastTask(startup) ? 1 : 0;
  const desired = ctx.observation.desiredCount;
  const kept = keepIdleTasks(out.value, desired, out.need, startup.taskStartSeconds, lowest);
  out.value = kept.value;
  if (kept.reason) out.reasons.push(kept.reason);
}

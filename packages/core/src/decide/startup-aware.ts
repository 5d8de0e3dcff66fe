import type { Reason } from "../model/decision.ts";
import type { NeedHistory } from "../model/need-history.ts";
import type { Policy } from "../model/policy.ts";
import type { ArrivalHistory } from "../model/startup-behavior.ts";
import { batchesLastTask, batchFromZero } from "./batch-from-zero.ts";
import { holdStartingTasks, type Launches } from "./billed-minimum.ts";
import { keepIdleTasks } from "./break-even-scale-in.ts";
import type { DecisionContext } from "./context.ts";
import { recordNeed } from "./need-history.ts";
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
}

/**
 * Startup-aware scaling after HPA behavior, before min/max: a launch from zero waits for a batch, the forecast
 * floor raises capacity ahead of a rise, then break-even scale-in keeps the idle tasks whose reuse is expected
 * within a start. Only the batch defers a launch (and only while the oldest message can still start in time);
 * the others only hold or raise the value. None runs unless the target's behavior.startup asks for it. `need`
 * is the capacity the policies asked for, before behavior.
 */
export function applyStartupAware(
  value: number,
  ctx: DecisionContext,
  policies: readonly Policy[],
  history: ArrivalHistory | undefined,
  need: number,
): StartupAwareResult {
  const startup = ctx.behavior?.startup;
  if (!startup) return { value, reasons: [] };
  const reasons: Reason[] = [];
  let result = value;
  let emptyAt: number | undefined;
  if (startup.maxWaitSeconds !== undefined) {
    const batch = batchFromZero(result, policies, ctx, startup.maxWaitSeconds, startup.taskStartSeconds);
    result = batch.value;
    emptyAt = batch.emptyAt;
    if (batch.reason) reasons.push(batch.reason);
  }
  if (startup.predictive && !ctx.target.suspendedState.dynamicScalingOutSuspended) {
    const floor = applyForecastFloor(result, ctx.now, startup.predictive, startup.taskStartSeconds, history);
    result = floor.value;
    if (floor.reason) reasons.push(floor.reason);
  }
  const batched = emptyAt === undefined ? {} : { emptyAt };
  let billed: { launches?: Launches } = {};
  if (startup.minimumBilledSeconds !== undefined) {
    const kept = holdStartingTasks(result, ctx, startup.minimumBilledSeconds, startup.taskStartSeconds);
    result = kept.value;
    billed = { launches: kept.launches };
    if (kept.reason) reasons.push(kept.reason);
  }
  if (!startup.breakEvenScaleIn) return { value: result, reasons, ...batched, ...billed };
  const needHistory = recordNeed(ctx.previous?.need, ctx.now, need);
  const lowest = batchesLastTask(startup) ? 1 : 0;
  const kept = keepIdleTasks(
    result,
    ctx.observation.desiredCount,
    needHistory,
    startup.taskStartSeconds,
    lowest,
  );
  if (kept.reason) reasons.push(kept.reason);
  return { value: kept.value, reasons, need: needHistory, ...batched, ...billed };
}

import type { Reason } from "../model/decision.ts";
import type { NeedHistory } from "../model/need-history.ts";
import type { ArrivalHistory } from "../model/startup-behavior.ts";
import { keepIdleTasks } from "./break-even-scale-in.ts";
import type { DecisionContext } from "./context.ts";
import { recordNeed } from "./need-history.ts";
import { applyForecastFloor } from "./predictive-floor.ts";

export interface StartupAwareResult {
  value: number;
  reasons: Reason[];
  /** The need history to keep; only with break-even scale-in. */
  need?: NeedHistory;
}

/**
 * Startup-aware scaling after HPA behavior, before min/max: the forecast floor raises capacity ahead of a rise,
 * then break-even scale-in keeps the idle tasks whose reuse is expected within a start. Both only hold or raise
 * the value; neither runs unless the target's behavior.startup asks for it. `need` is the capacity the
 * policies asked for, before behavior.
 */
export function applyStartupAware(
  value: number,
  ctx: DecisionContext,
  history: ArrivalHistory | undefined,
  need: number,
): StartupAwareResult {
  const startup = ctx.behavior?.startup;
  if (!startup) return { value, reasons: [] };
  const reasons: Reason[] = [];
  let result = value;
  if (startup.predictive && !ctx.target.suspendedState.dynamicScalingOutSuspended) {
    const floor = applyForecastFloor(result, ctx.now, startup.predictive, startup.taskStartSeconds, history);
    result = floor.value;
    if (floor.reason) reasons.push(floor.reason);
  }
  if (!startup.breakEvenScaleIn) return { value: result, reasons };
  const needHistory = recordNeed(ctx.previous?.need, ctx.now, need);
  const kept = keepIdleTasks(result, ctx.observation.desiredCount, needHistory, startup.taskStartSeconds);
  if (kept.reason) reasons.push(kept.reason);
  return { value: kept.value, reasons, need: needHistory };
}

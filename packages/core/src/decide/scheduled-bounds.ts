import type { Reason } from "../model/decision.ts";
import type { ScheduledAction } from "../model/scheduled-action.ts";
import type { ScalingState } from "../model/state.ts";
import { latestOccurrence, parseSchedule } from "../schedule/schedule.ts";
import type { DecisionContext } from "./context.ts";

/** Without state, an action is due if it fired within the last minute (the schedule's resolution). */
export const FIRST_EVALUATION_LOOKBACK_MS = 60_000;

export interface EffectiveBounds {
  minCapacity: number;
  maxCapacity: number;
  state: ScalingState["bounds"];
  reasons: Reason[];
}

type BoundsContext = Omit<DecisionContext, "bounds">;

interface DueAction {
  action: ScheduledAction;
  firedAt: number;
}

/**
 * The min/max in force now. Scheduled actions change them and the change sticks, as in AWS, until another
 * action or a re-registration (a change of the target's configured min/max: last write wins) replaces it.
 */
export function resolveBounds(actions: readonly ScheduledAction[], ctx: BoundsContext): EffectiveBounds {
  const { target, previous } = ctx;
  const kept =
    previous?.bounds?.configuredMin === target.minCapacity &&
    previous.bounds.configuredMax === target.maxCapacity
      ? previous.bounds
      : undefined;
  const current = {
    minCapacity: kept?.minCapacity ?? target.minCapacity,
    maxCapacity: kept?.maxCapacity ?? target.maxCapacity,
    state: kept,
  };
  const due = dueActions(actions, ctx);
  if (due.length === 0) return { ...current, reasons: [] };
  if (target.suspendedState.scheduledScalingSuspended) {
    const names = due.map((d) => d.action.name).join(", ");
    const reason: Reason = {
      code: "ScheduledScalingSuspended",
      message: `skipped due scheduled actions: ${names}`,
    };
    return { ...current, reasons: [reason] };
  }
  return applyDue(due, current, ctx);
}

/** Each action whose latest occurrence fell since the last evaluation; missed ticks catch up, once each. */
function dueActions(actions: readonly ScheduledAction[], ctx: BoundsContext): DueAction[] {
  const since = ctx.previous ? ctx.previous.evaluatedAt : ctx.now - FIRST_EVALUATION_LOOKBACK_MS;
  const due: DueAction[] = [];
  for (const action of actions) {
    const schedule = parseSchedule(action.schedule, {
      timezone: action.timezone,
      ...(action.startTime !== undefined && { startTime: action.startTime }),
      ...(action.endTime !== undefined && { endTime: action.endTime }),
    });
    const firedAt = latestOccurrence(schedule, ctx.now);
    if (firedAt !== undefined && firedAt > since) due.push({ action, firedAt });
  }
  return due.sort((a, b) => a.firedAt - b.firedAt || a.action.name.localeCompare(b.action.name));
}

function applyDue(
  due: readonly DueAction[],
  current: { minCapacity: number; maxCapacity: number },
  ctx: BoundsContext,
): EffectiveBounds {
  let { minCapacity, maxCapacity } = current;
  const reasons: Reason[] = [];
  for (const { action, firedAt } of due) {
    if (action.minCapacity !== undefined) minCapacity = action.minCapacity;
    if (action.maxCapacity !== undefined) maxCapacity = action.maxCapacity;
    // An action that sets one bound past the other drags the other along rather than leaving min > max.
    if (minCapacity > maxCapacity) {
      if (action.minCapacity !== undefined) maxCapacity = minCapacity;
      else minCapacity = maxCapacity;
    }
    const message = `${action.name} (${action.schedule}, fired ${new Date(firedAt).toISOString()}): min ${minCapacity}, max ${maxCapacity}`;
    reasons.push({ code: "ScheduledActionApplied", message });
  }
  const last = due[due.length - 1] as DueAction;
  const state = {
    minCapacity,
    maxCapacity,
    action: last.action.name,
    at: last.firedAt,
    configuredMin: ctx.target.minCapacity,
    configuredMax: ctx.target.maxCapacity,
  };
  return { minCapacity, maxCapacity, state, reasons };
}

import type { ScalingAction } from "../model/decision.ts";
import type { NeedHistory } from "../model/need-history.ts";
import type { OfferedLoad } from "../model/offered-load.ts";
import type { Policy } from "../model/policy.ts";
import { type LiveRun, type ScalingState, STATE_VERSION } from "../model/state.ts";
import { behaviorHistory } from "./behavior.ts";
import type { Combined } from "./combine-proposals.ts";
import type { DecisionContext, PolicyProposal } from "./context.ts";
import type { EffectiveBounds } from "./scheduled-bounds.ts";

const MAX_EVENT_IDS = 64;

export interface StateInputs {
  policies: readonly Policy[];
  proposals: readonly PolicyProposal[];
  combined: Combined;
  bounds: EffectiveBounds;
  action: ScalingAction;
  desiredCapacity: number;
  idleSince: number | undefined;
  noDataSince: number | undefined;
  need?: NeedHistory | undefined;
  emptyAt?: number | undefined;
  launches?: [number, number][] | undefined;
  load?: OfferedLoad | undefined;
}

/** The state the next decision starts from, assuming this decision is carried out. */
export function nextState(ctx: DecisionContext, inputs: StateInputs): ScalingState {
  const { now, previous, observation } = ctx;
  const { combined, action, desiredCapacity } = inputs;
  const state: ScalingState = {
    version: STATE_VERSION,
    evaluatedAt: now,
    live: liveRuns(inputs.proposals),
    datapointBase: datapointBases(inputs.proposals),
    stepApplied: stepApplied(ctx, inputs),
    ...behaviorHistory(ctx.behavior, previous, {
      now,
      recommendation: combined.capacity,
      change: desiredCapacity - observation.desiredCount,
    }),
    eventIds: eventIds(ctx),
  };
  const scaleOut = scaleOutWindow(ctx, inputs.policies, combined, action);
  if (scaleOut) state.scaleOut = scaleOut;
  const lastScaleInAt = action === "ScaleIn" && combined.direction === "in" ? now : previous?.lastScaleInAt;
  if (lastScaleInAt !== undefined) state.lastScaleInAt = lastScaleInAt;
  if (inputs.bounds.state) state.bounds = inputs.bounds.state;
  if (inputs.idleSince !== undefined) state.idleSince = inputs.idleSince;
  if (inputs.noDataSince !== undefined) state.noDataSince = inputs.noDataSince;
  if (inputs.need !== undefined) state.need = inputs.need;
  if (inputs.emptyAt !== undefined) state.emptyAt = inputs.emptyAt;
  if (inputs.launches !== undefined) state.launches = inputs.launches;
  if (inputs.load !== undefined) state.load = inputs.load;
  return state;
}

function datapointBases(proposals: readonly PolicyProposal[]): Record<string, [number, number]> {
  const bases: Record<string, [number, number]> = {};
  for (const p of proposals) if (p.datapointBase) bases[p.policy] = p.datapointBase;
  return bases;
}

function liveRuns(proposals: readonly PolicyProposal[]): Record<string, LiveRun> {
  const live: Record<string, LiveRun> = {};
  for (const p of proposals) if (p.live) live[p.policy] = p.live;
  return live;
}

/** Steps carried out are remembered per policy, so a redelivered alarm or a second tick cannot repeat them. */
function stepApplied(ctx: DecisionContext, inputs: StateInputs): Record<string, number> {
  const applied: Record<string, number> = {};
  const previous = ctx.previous?.stepApplied ?? {};
  for (const policy of inputs.policies) {
    const at = previous[policy.name];
    if (at !== undefined) applied[policy.name] = at;
  }
  const carriedOut =
    (inputs.action === "ScaleOut" && inputs.combined.direction === "out") ||
    (inputs.action === "ScaleIn" && inputs.combined.direction === "in");
  if (carriedOut) {
    for (const p of inputs.combined.executed) if (p.stepKey !== undefined) applied[p.policy] = p.stepKey;
  }
  return applied;
}

/**
 * The scale-out cooldown window opens at a dynamic scale-out and records the capacity before it. Later
 * scale-outs inside the window neither move it nor its base, so a sustained breach is not starved.
 */
function scaleOutWindow(
  ctx: DecisionContext,
  policies: readonly Policy[],
  combined: Combined,
  action: ScalingAction,
): ScalingState["scaleOut"] {
  const longest = Math.max(
    0,
    ...policies.map((p) => (p.type === "StepScaling" ? p.cooldown : p.scaleOutCooldown)),
  );
  const open = ctx.previous?.scaleOut;
  const stillOpen = open !== undefined && ctx.now - open.at < longest * 1000 ? open : undefined;
  if (action === "ScaleOut" && combined.direction === "out" && !stillOpen) {
    return { at: ctx.now, base: ctx.observation.desiredCount };
  }
  return stillOpen;
}

function eventIds(ctx: DecisionContext): string[] {
  const ids = ctx.previous?.eventIds ?? [];
  const id = ctx.trigger?.eventId;
  if (id === undefined || ids.includes(id)) return ids.slice(-MAX_EVENT_IDS);
  return [...ids, id].slice(-MAX_EVENT_IDS);
}

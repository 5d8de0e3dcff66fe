import type { Decision, Reason, ScalingAction } from "../model/decision.ts";
import type { EvaluateRequest } from "../model/evaluate-request.ts";
import type { Policy } from "../model/policy.ts";
import { applyBehavior } from "./behavior.ts";
import { recordLaunch } from "./billed-minimum.ts";
import { clampToBounds } from "./capacity-bounds.ts";
import { type Combined, combineProposals } from "./combine-proposals.ts";
import type { DecisionContext, PolicyProposal } from "./context.ts";
import { applyFallback } from "./fallback.ts";
import { applyGuards } from "./guards.ts";
import { nextState } from "./next-state.ts";
import { yieldToOtherController } from "./other-controller.ts";
import { applyScaleToZero } from "./scale-to-zero.ts";
import { resolveBounds } from "./scheduled-bounds.ts";
import { applyStartupAware } from "./startup-aware.ts";
import { decideStepScaling } from "./step-scaling.ts";
import { decideTargetTracking } from "./target-tracking.ts";

/**
 * One decision for one ECS service: scheduled bounds → policies → combine → fallback → suspension and
 * deployment guards → scale to zero → HPA behavior → startup-aware floor and keep → min/max → another
 * controller's hold. Pure: the same request gives the same decision.
 */
export function decide(request: EvaluateRequest): Decision {
  const base = {
    now: request.now,
    target: request.target,
    observation: request.observation,
    previous: request.state,
    behavior: request.behavior,
    trigger: request.trigger,
  };
  const bounds = resolveBounds(request.scheduledActions, base);
  const ctx: DecisionContext = { ...base, bounds };
  const desired = ctx.observation.desiredCount;
  const proposals = request.policies.map((policy) => decidePolicy(policy, ctx));
  const fallback = applyFallback(combineProposals(proposals, desired), proposals, ctx);
  const zero = applyScaleToZero(applyGuards(fallback.combined, ctx), request.policies, ctx);
  const combined = zero.combined;
  const shaped = applyBehavior(combined.capacity, desired, ctx.now, ctx.behavior, ctx.previous);
  const startup = applyStartupAware(
    shaped.value,
    ctx,
    request.policies,
    request.history,
    asked(proposals, combined),
  );
  const clamped = clampToBounds(startup.value, desired, bounds);
  const owned = yieldToOtherController(clamped.value, ctx);
  const desiredCapacity = owned.value;
  const action: ScalingAction =
    desiredCapacity > desired ? "ScaleOut" : desiredCapacity < desired ? "ScaleIn" : "None";
  const reasons = collectReasons(ctx, [
    ...(owned.reason ? [owned.reason] : []),
    ...bounds.reasons,
    ...proposals.flatMap((p) => p.reasons),
    ...combined.reasons,
    ...shaped.reasons,
    ...startup.reasons,
    ...(clamped.reason ? [clamped.reason] : []),
  ]);
  const state = nextState(ctx, {
    policies: request.policies,
    proposals,
    combined,
    bounds,
    action,
    desiredCapacity,
    idleSince: zero.idleSince,
    noDataSince: fallback.noDataSince,
    need: startup.need,
    emptyAt: startup.emptyAt,
    load: startup.load,
    launches: startup.launches && recordLaunch(startup.launches, ctx.now, desired, desiredCapacity),
  });
  return { desiredCapacity, action, reasons, state };
}

function decidePolicy(policy: Policy, ctx: DecisionContext): PolicyProposal {
  return policy.type === "TargetTracking"
    ? decideTargetTracking(policy, ctx)
    : decideStepScaling(policy, ctx);
}

/** The capacity the policies ask for, acted on or not: the highest target tracking need, else the combined one. */
function asked(proposals: readonly PolicyProposal[], combined: Combined): number {
  let need: number | undefined;
  for (const p of proposals) if (p.need !== undefined) need = Math.max(need ?? 0, p.need);
  return need ?? combined.capacity;
}

function collectReasons(ctx: DecisionContext, reasons: Reason[]): Reason[] {
  if (reasons.length === 0) {
    reasons.push({
      code: "AlreadyAtDesiredCapacity",
      message: "no policy or scheduled action asked for a change",
    });
  }
  if (ctx.target.dryRun)
    reasons.push({ code: "DryRun", message: "dry run: the decision is recorded, not applied" });
  return reasons;
}

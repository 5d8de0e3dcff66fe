import type { Reason } from "../model/decision.ts";
import type { StepAdjustment, StepScalingPolicy } from "../model/step-scaling-policy.ts";
import { type DecisionContext, hold, type PolicyProposal } from "./context.ts";
import { describeInterval, percentChange, selectStep } from "./step-adjustment.ts";
import { readAlarm } from "./step-alarm.ts";
import { formatValue } from "./target-tracking.ts";

/** Step scaling as Application Auto Scaling does it: an alarm in ALARM runs the matching step (DESIGN §3). */
export function decideStepScaling(policy: StepScalingPolicy, ctx: DecisionContext): PolicyProposal {
  const canScaleIn =
    policy.adjustmentType === "ExactCapacity" || policy.stepAdjustments.some((s) => s.scalingAdjustment < 0);
  const proposal = evaluate(policy, ctx, canScaleIn);
  return proposal;
}

function evaluate(policy: StepScalingPolicy, ctx: DecisionContext, canScaleIn: boolean): PolicyProposal {
  const { name } = policy;
  const reading = readAlarm(policy, ctx);
  const withLive = (p: PolicyProposal): PolicyProposal => (reading.live ? { ...p, live: reading.live } : p);
  if ("missing" in reading) {
    return withLive(
      hold(ctx, name, canScaleIn, { code: "InsufficientData", message: reading.missing }, "noData"),
    );
  }
  if (!reading.breached) {
    return withLive(hold(ctx, name, canScaleIn, { code: "AlarmNotBreached", message: reading.detail }));
  }
  const eventId = ctx.trigger?.eventId;
  if (eventId !== undefined && ctx.previous?.eventIds.includes(eventId)) {
    return withLive(
      hold(ctx, name, canScaleIn, { code: "DuplicateEvent", message: `event ${eventId} already handled` }),
    );
  }
  const applied = ctx.previous?.stepApplied[name];
  if (applied !== undefined && applied >= reading.key) {
    const message = `a step already ran for the datapoint at ${new Date(reading.key).toISOString()}`;
    return withLive(hold(ctx, name, canScaleIn, { code: "StepAlreadyApplied", message }));
  }
  const step = selectStep(policy, reading.value);
  if (!step) {
    const message = `no step covers ${formatValue(reading.value)} − ${policy.alarm.threshold}`;
    return withLive(hold(ctx, name, canScaleIn, { code: "NoStepMatched", message }));
  }
  return withLive(applyStep(policy, ctx, step, reading.value, reading.key, canScaleIn));
}

function applyStep(
  policy: StepScalingPolicy,
  ctx: DecisionContext,
  step: StepAdjustment,
  value: number,
  key: number,
  canScaleIn: boolean,
): PolicyProposal {
  const { name } = policy;
  const current = ctx.observation.desiredCount;
  const { capacity, explanation } = stepTarget(policy, ctx, step);
  const at = `metric ${formatValue(value)} (threshold ${policy.alarm.threshold}) in ${describeInterval(step)}: ${explanation}`;
  if (capacity > current) return stepProposal(name, "out", capacity, canScaleIn, key, at);
  if (capacity < current && removesCapacity(policy, step)) {
    const lastIn = ctx.previous?.lastScaleInAt;
    if (lastIn !== undefined && ctx.now - lastIn < policy.cooldown * 1000) {
      const left = Math.ceil((policy.cooldown * 1000 - (ctx.now - lastIn)) / 1000);
      return hold(ctx, name, canScaleIn, {
        code: "ScaleInCooldown",
        message: `${at}; cooldown: ${left} s left`,
      });
    }
    return stepProposal(name, "in", capacity, canScaleIn, key, at);
  }
  // A scale-out step below the current capacity only happens in a cooldown: what was added there counts [AWS].
  const why =
    capacity < current
      ? `capacity added in the cooldown counts: ${current} ≥ ${capacity}, no change`
      : `no change to ${current}`;
  const code = inScaleOutCooldown(policy, ctx) ? "ScaleOutCooldown" : "AlreadyAtDesiredCapacity";
  return hold(ctx, name, canScaleIn, { code, message: `${at}; ${why}` });
}

/** A scale-out step never removes capacity; only a negative step or an exact capacity may [AWS]. */
function removesCapacity(policy: StepScalingPolicy, step: StepAdjustment): boolean {
  return policy.adjustmentType === "ExactCapacity" || step.scalingAdjustment < 0;
}

/**
 * The capacity a step asks for. During a scale-out cooldown a scale-out step counts from the capacity before
 * the cooldown began, so +2 then +3 adds only 1 [AWS].
 */
function stepTarget(
  policy: StepScalingPolicy,
  ctx: DecisionContext,
  step: StepAdjustment,
): { capacity: number; explanation: string } {
  const adjustment = step.scalingAdjustment;
  if (policy.adjustmentType === "ExactCapacity") {
    return { capacity: adjustment, explanation: `exact capacity ${adjustment}` };
  }
  const current = ctx.observation.desiredCount;
  const base =
    adjustment > 0 && inScaleOutCooldown(policy, ctx) ? (ctx.previous?.scaleOut?.base ?? current) : current;
  const change =
    policy.adjustmentType === "ChangeInCapacity"
      ? adjustment
      : percentChange(base, adjustment, policy.minAdjustmentMagnitude);
  const what =
    policy.adjustmentType === "ChangeInCapacity"
      ? `${signed(adjustment)}`
      : `${signed(adjustment)}% → ${signed(change)}`;
  const from = base === current ? `${current}` : `${base} (capacity before the cooldown)`;
  return {
    capacity: Math.max(0, base + change),
    explanation: `${what} from ${from} = ${Math.max(0, base + change)}`,
  };
}

function inScaleOutCooldown(policy: StepScalingPolicy, ctx: DecisionContext): boolean {
  const window = ctx.previous?.scaleOut;
  return window !== undefined && ctx.now - window.at < policy.cooldown * 1000;
}

function stepProposal(
  name: string,
  intent: "out" | "in",
  capacity: number,
  canScaleIn: boolean,
  stepKey: number,
  message: string,
): PolicyProposal {
  const reason: Reason = { code: "StepScalingAdjustment", message, policy: name };
  return { policy: name, intent, capacity, canScaleIn, reasons: [reason], stepKey };
}

function signed(n: number): string {
  return n >= 0 ? `+${n}` : `${n}`;
}

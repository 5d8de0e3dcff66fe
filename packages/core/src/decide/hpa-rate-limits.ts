import type { Behavior, ScalingRules } from "../model/behavior.ts";
import type { Reason } from "../model/decision.ts";

type RatePolicy = NonNullable<ScalingRules["policies"]>[number];

/** Kubernetes' default rate policies (autoscaling/v2). */
export const DEFAULT_SCALE_UP_POLICIES: readonly RatePolicy[] = [
  { type: "Pods", value: 4, periodSeconds: 15 },
  { type: "Percent", value: 100, periodSeconds: 15 },
];
export const DEFAULT_SCALE_DOWN_POLICIES: readonly RatePolicy[] = [
  { type: "Percent", value: 100, periodSeconds: 15 },
];

type ScaleEvents = readonly (readonly [number, number])[];

/** Capacity added and removed within the last `periodMs`, from the recorded scale events. */
function changesWithin(
  events: ScaleEvents,
  now: number,
  periodMs: number,
): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const [at, change] of events) {
    if (at <= now - periodMs) continue;
    if (change > 0) added += change;
    else removed -= change;
  }
  return { added, removed };
}

/** HPA's calculateScaleUpLimitWithScalingRules. */
export function scaleUpLimit(current: number, events: ScaleEvents, now: number, rules: ScalingRules): number {
  if (rules.selectPolicy === "Disabled") return current;
  const pick = rules.selectPolicy === "Min" ? Math.min : Math.max;
  let result = rules.selectPolicy === "Min" ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  for (const policy of rules.policies ?? DEFAULT_SCALE_UP_POLICIES) {
    const { added, removed } = changesWithin(events, now, policy.periodSeconds * 1000);
    const start = current - added + removed;
    const proposed =
      policy.type === "Pods" ? start + policy.value : Math.ceil(start * (1 + policy.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/** HPA's calculateScaleDownLimitWithBehaviors. */
export function scaleDownLimit(
  current: number,
  events: ScaleEvents,
  now: number,
  rules: ScalingRules,
): number {
  if (rules.selectPolicy === "Disabled") return current;
  // For scale-down the policy allowing the biggest change gives the lowest limit.
  const pick = rules.selectPolicy === "Min" ? Math.max : Math.min;
  let result = rules.selectPolicy === "Min" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  for (const policy of rules.policies ?? DEFAULT_SCALE_DOWN_POLICIES) {
    const { added, removed } = changesWithin(events, now, policy.periodSeconds * 1000);
    const start = current + removed - added;
    const proposed =
      policy.type === "Pods" ? start - policy.value : Math.trunc(start * (1 - policy.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/** HPA's convertDesiredReplicasWithBehaviorRate, per configured direction. */
export function limitRate(
  desired: number,
  current: number,
  events: ScaleEvents,
  now: number,
  behavior: Behavior | undefined,
): { value: number; reason?: Reason } {
  if (desired > current && behavior?.scaleUp) {
    const limit = Math.max(current, scaleUpLimit(current, events, now, behavior.scaleUp));
    if (desired > limit) {
      return {
        value: limit,
        reason: { code: "ScaleUpLimit", message: `scale-up rate limit: ${limit}, not ${desired}` },
      };
    }
  }
  if (desired < current && behavior?.scaleDown) {
    const limit = Math.min(current, scaleDownLimit(current, events, now, behavior.scaleDown));
    if (desired < limit) {
      const message = `scale-down rate limit: ${limit}, not ${desired}`;
      return { value: limit, reason: { code: "ScaleDownLimit", message } };
    }
  }
  return { value: desired };
}

/** The longest rate-policy period, to prune recorded events. */
export function longestRatePeriodMs(behavior: Behavior | undefined): number {
  const periods = [
    ...(behavior?.scaleUp ? (behavior.scaleUp.policies ?? DEFAULT_SCALE_UP_POLICIES) : []),
    ...(behavior?.scaleDown ? (behavior.scaleDown.policies ?? DEFAULT_SCALE_DOWN_POLICIES) : []),
  ].map((p) => p.periodSeconds);
  return periods.length ? Math.max(...periods) * 1000 : 0;
}

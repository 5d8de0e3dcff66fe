import {
  type Datapoint,
  type Decision,
  liveQueueOf,
  nextOccurrence,
  type Observation,
  parseSchedule,
  type ReasonCode,
  type StepScalingPolicy,
  type TargetConfig,
  type TargetTrackingPolicy,
} from "@gantry/core";
import { recentBuckets } from "@gantry/core/building-blocks";

/**
 * When a CloudWatch-backed target needs its metrics read again (DESIGN §4 Cost). CloudWatch holds one datapoint a
 * period (a minute), and GetMetricData is priced per metric, not per datapoint, so:
 * - a target whose managed alarms are in place is read at most once a period: reading every 15 s sees the
 *   same datapoints four times;
 * - a target whose last decision changed nothing is read again only when it could act without an alarm saying
 *   so: once enough datapoints below the scale-in threshold could have arrived (and its scale-in cooldown is
 *   over), at a scheduled action, and at most every MAX_REST_MS. Each read fetches the policy's whole window, so
 *   the core sees every datapoint it would have seen reading each minute.
 * A scale-out is never waited for. It needs `scaleOutDatapoints` datapoints above target; the moment they are
 * there, the target's scale-out alarm (the same M of M, as Application Auto Scaling's high alarm) goes to ALARM
 * and the alarm handler reconciles the target at once. That event comes only on the change to ALARM, so a
 * target whose alarm is in ALARM (its newest datapoints all above target, below its maximum) is read every
 * period, as AWS re-evaluates a policy while its alarm stays in ALARM; so is one with a datapoint missing, or
 * held by something that ends with time. A target is woken early by a change of its desired count or
 * deployment, its config or its state (the alarm handler's write is one).
 */
export const MAX_REST_MS = 15 * 60_000;

/**
 * Holds whose end no alarm announces: the target is read again the next period. (A scale-in cooldown is waited
 * out exactly; a scale-out cooldown holds only while the alarm is in ALARM, which is read every period anyway.)
 */
const TIME_BOUND_HOLDS: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  "InsufficientData",
  "AutoScalingAnticipatedFlapping",
  "StabilizationWindow",
  "ScaleUpLimit",
  "ScaleDownLimit",
  "FallbackCapacity",
  "ScaleToZeroIdleWait",
  "MessagesInFlight",
]);

export interface ReadInput {
  config: TargetConfig;
  observation: Observation;
  decision: Decision;
  now: number;
}

/**
 * The earliest instant the target's CloudWatch metrics are needed again, or undefined when it must be read
 * every pass: a live (SQS) or metric-math policy (no alarm can wake it), HPA rate behavior (its history is
 * kept per decision), predictive pre-scaling, no CloudWatch policy at all, or a decision that acts. Only for targets whose managed
 * alarms exist; the caller checks that.
 */
export function nextReadAt(input: ReadInput): number | undefined {
  const { config, decision, now } = input;
  const policies = config.policies;
  if (policies.length === 0 || config.behavior?.scaleUp || config.behavior?.scaleDown) return undefined;
  // A forecast raises capacity ahead of any datapoint, so no alarm would wake a predictive target in time.
  if (config.behavior?.startup?.predictive) return undefined;
  if (policies.some((p) => liveQueueOf(p.metric) !== undefined || "math" in p.metric)) return undefined;
  if (decision.action !== "None") return undefined;
  const periodMs = Math.min(...policies.map((p) => periodOf(p) * 1000));
  const held = decision.reasons.some((r) => TIME_BOUND_HOLDS.has(r.code));
  const horizon = held ? periodMs : restMs(input, periodMs);
  return Math.min(now + Math.max(periodMs, horizon), nextScheduled(config, now) ?? Number.POSITIVE_INFINITY);
}

/** How long nothing can happen that no alarm announces: the earliest a scale-in could hold. */
function restMs(input: ReadInput, periodMs: number): number {
  const { config, observation, decision, now } = input;
  const atMaximum = decision.reasons.some((r) => r.code === "AlreadyAtMaxCapacity");
  let scaleIn = 0;
  let scaleInPolicies = 0;
  for (const policy of config.policies) {
    const series = observation.metrics[policy.name];
    if (policy.type === "StepScaling") {
      if (!stepQuiet(policy, series, now)) return periodMs;
      continue;
    }
    const reading = trackingReading(policy, series, now, decision.state.lastScaleInAt);
    if (reading === undefined || (reading.inAlarm && !atMaximum)) return periodMs;
    if (reading.inWaitMs === undefined) continue;
    scaleInPolicies += 1;
    scaleIn = Math.max(scaleIn, reading.inWaitMs);
  }
  if (scaleInPolicies === 0) return MAX_REST_MS;
  // Every policy already agrees on a scale-in the decision did not make: only the minimum can hold it back.
  if (scaleIn === 0) return atMinimum(input.decision) ? MAX_REST_MS : periodMs;
  return Math.min(scaleIn, MAX_REST_MS);
}

/**
 * A CloudWatch target tracking policy's newest datapoints: undefined when one of the last `scaleOutDatapoints` is
 * missing; else whether they are all above target (its scale-out alarm is in ALARM), and how long until enough
 * datapoints below the scale-in threshold could have arrived and its scale-in cooldown is over (undefined when
 * scale-in is disabled).
 */
function trackingReading(
  policy: TargetTrackingPolicy,
  series: readonly Datapoint[] | undefined,
  now: number,
  lastScaleInAt: number | undefined,
): { inAlarm: boolean; inWaitMs: number | undefined } | undefined {
  const { periodSeconds, scaleOutDatapoints, scaleInDatapoints, scaleInThresholdRatio, maxDataAgeSeconds } =
    policy.evaluation;
  const periodMs = periodSeconds * 1000;
  const count = Math.max(scaleOutDatapoints, scaleInDatapoints);
  const buckets = recentBuckets(series, now, periodMs, count, maxDataAgeSeconds * 1000);
  if (buckets === undefined) return undefined;
  const newest = buckets.slice(0, scaleOutDatapoints);
  if (newest.some((value) => value === undefined)) return undefined;
  const inAlarm = newest.every((value) => (value as number) > policy.targetValue);
  if (policy.disableScaleIn) return { inAlarm, inWaitMs: undefined };
  const threshold = policy.targetValue * scaleInThresholdRatio;
  let below = 0;
  while (below < scaleInDatapoints && (buckets[below] ?? Number.POSITIVE_INFINITY) < threshold) below++;
  const cooling = lastScaleInAt === undefined ? 0 : lastScaleInAt + policy.scaleInCooldown * 1000 - now;
  return { inAlarm, inWaitMs: Math.max((scaleInDatapoints - below) * periodMs, cooling) };
}

/** A step policy on CloudWatch is quiet when none of its evaluated datapoints breaches (its alarm is OK). */
function stepQuiet(
  policy: StepScalingPolicy,
  series: readonly Datapoint[] | undefined,
  now: number,
): boolean {
  const { periodSeconds, evaluationPeriods, maxDataAgeSeconds, threshold, comparisonOperator } = policy.alarm;
  const buckets = recentBuckets(
    series,
    now,
    periodSeconds * 1000,
    evaluationPeriods,
    maxDataAgeSeconds * 1000,
  );
  if (buckets === undefined) return false;
  return buckets.every((value) => value !== undefined && !breaches(value, threshold, comparisonOperator));
}

function breaches(
  value: number,
  threshold: number,
  operator: StepScalingPolicy["alarm"]["comparisonOperator"],
) {
  switch (operator) {
    case "GreaterThanOrEqualToThreshold":
      return value >= threshold;
    case "GreaterThanThreshold":
      return value > threshold;
    case "LessThanThreshold":
      return value < threshold;
    case "LessThanOrEqualToThreshold":
      return value <= threshold;
  }
}

function atMinimum(decision: Decision): boolean {
  return decision.reasons.some((r) => r.code === "AlreadyAtMinCapacity");
}

function periodOf(policy: TargetConfig["policies"][number]): number {
  return policy.type === "StepScaling" ? policy.alarm.periodSeconds : policy.evaluation.periodSeconds;
}

/** The next instant a scheduled action fires, so a resting target still applies it on time. */
function nextScheduled(config: TargetConfig, now: number): number | undefined {
  if (config.target.suspendedState.scheduledScalingSuspended) return undefined;
  let next: number | undefined;
  for (const action of config.scheduledActions) {
    const schedule = parseSchedule(action.schedule, {
      timezone: action.timezone,
      ...(action.startTime !== undefined && { startTime: action.startTime }),
      ...(action.endTime !== undefined && { endTime: action.endTime }),
    });
    const at = nextOccurrence(schedule, now);
    if (at !== undefined && (next === undefined || at < next)) next = at;
  }
  return next;
}

// AWS step scaling as the CDK's QueueProcessingFargateService sets it up (aws-cdk-lib v2, checked against
// aws-ecs-patterns/lib/base/queue-processing-service-base.ts and aws-applicationautoscaling/lib/
// step-scaling-policy.ts):
// - `scaleOnMetric` on `queue.metricApproximateNumberOfMessagesVisible()`: statistic Maximum, period 5 minutes
//   (the CDK Metric default), with scalingSteps [{ upper: 0, change: −1 }, { lower: 100, change: +1 },
//   { lower: 500, change: +5 }], adjustmentType ChangeInCapacity.
// - The CDK splits the steps into two alarms and two step policies (evaluationPeriods 1, datapointsToAlarm 1,
//   TreatMissingData missing, metricAggregationType Maximum from the statistic):
//     upper: ApproximateNumberOfMessagesVisible ≥ 100; steps relative to 100: [0, 400) → +1, [400, ∞) → +5;
//     lower: ApproximateNumberOfMessagesVisible ≤ 0;   steps relative to 0:  (−∞, 0] → −1.
//   Above the threshold the lower bound is inclusive and the upper exclusive; below it the reverse [AWS].
// - Cooldown: the CDK leaves it unset, so CloudFormation's StepScalingPolicyConfiguration default of 300 s applies.
// - The CDK also adds `scaleOnCpuUtilization("CpuScaling", { targetUtilizationPercent: 50 })`: an AAS target
//   tracking policy on ECSServiceAverageCPUUtilization (target-tracking-policy.ts, cooldowns left at 300 s).
//   The simulator's CPU is busy worker slots ÷ running slots (cpu-metric.ts), so a fleet busy with a backlog
//   reads 100 % and the policy doubles it. Both policies act on the same scalable target, each on its own
//   alarms. AAS favours availability: when both act in the same minute the larger capacity wins, and the step
//   policy's scale-in waits until the CPU policy is ready to scale in too (its low alarm; no CPU data: no
//   say), as the core's rule "scale in only if every policy agrees" has it (README, Concepts).
//
// Timing [AWS]: CloudWatch evaluates the alarm every minute over a sliding 5-minute window; SQS publishes one
// sample a minute, so the 5-minute Maximum is the largest 1-minute datapoint published in the window. An alarm
// with an Auto Scaling action re-invokes its policy every minute it stays in ALARM.
// Cooldown [AWS]: during a scale-out cooldown the capacity added by the scale-out that started it counts, so a
// later step only adds the difference (+1 then +5 adds 4 more); a scale-in cooldown blocks scale-ins, and a
// scale-out ends it. Uncertain: whether a larger scale-out within the cooldown restarts it. We restart the
// timer and keep the base (the capacity before the initiating scale-out).
// ChangeInCapacity applies to the scalable target's current capacity, which for ECS is the desired count.
import { clampToBounds } from "@gantry/core/building-blocks";
import { checkBounds, checkPositive } from "./capacity-bounds.ts";
import type { Scaler, ScalerBounds, ScalerView } from "./scaler.ts";
import { createTargetTrackingPolicy } from "./target-tracking-policy.ts";

/** One step: bounds relative to the alarm threshold, undefined meaning unbounded. */
export interface StepInterval {
  readonly lower?: number;
  readonly upper?: number;
  readonly change: number;
}

export interface StepAlarm {
  readonly threshold: number;
  readonly comparison: "GreaterThanOrEqualToThreshold" | "LessThanOrEqualToThreshold";
  readonly steps: readonly StepInterval[];
}

/** The two alarms and step policies CDK derives from QueueProcessingServiceBase's default scalingSteps. */
export const CDK_QUEUE_PROCESSING_ALARMS = {
  upper: {
    threshold: 100,
    comparison: "GreaterThanOrEqualToThreshold",
    steps: [
      { lower: 0, upper: 400, change: 1 },
      { lower: 400, change: 5 },
    ],
  },
  lower: { threshold: 0, comparison: "LessThanOrEqualToThreshold", steps: [{ upper: 0, change: -1 }] },
} as const satisfies Record<"upper" | "lower", StepAlarm>;

const MINUTE_MS = 60_000;

export interface AwsStepOptions {
  readonly bounds: ScalerBounds;
  /** Default 300 s (CloudFormation's default when the CDK leaves it unset). */
  readonly cooldownSeconds?: number;
  /** Alarm period; default 300 s, the CDK Metric default. */
  readonly periodSeconds?: number;
  /** The queue alarms; default the CDK's (≥ 100 → +1, ≥ 500 → +5, ≤ 0 → −1). See queueAlarmsAt. */
  readonly queueAlarms?: Record<"upper" | "lower", StepAlarm>;
  /** The CDK's CPU target tracking target in %; default 50; null leaves that policy out (the steps alone). */
  readonly cpuTargetPercent?: number | null;
}

/**
 * The CDK's alarms with the scale-out threshold moved to `upper` visible messages and the +5 step at 5 × upper
 * (the CDK's 100 and 500 keep that ratio): the knob a user turns through `scalingSteps`.
 */
export function queueAlarmsAt(upper: number): Record<"upper" | "lower", StepAlarm> {
  checkPositive(upper, "upper");
  return {
    upper: {
      threshold: upper,
      comparison: "GreaterThanOrEqualToThreshold",
      steps: [
        { lower: 0, upper: 4 * upper, change: 1 },
        { lower: 4 * upper, change: 5 },
      ],
    },
    lower: CDK_QUEUE_PROCESSING_ALARMS.lower,
  };
}

/** The CDK's QueueProcessingFargateService CPU target. */
export const CDK_CPU_TARGET_PERCENT = 50;

interface State {
  evaluatedMinute?: number;
  scaleOut?: { base: number; endsAt: number };
  scaleInEndsAt?: number;
}

export function createAwsStep(options: AwsStepOptions): Scaler {
  const { bounds } = options;
  checkBounds(bounds);
  const cooldownMs = (options.cooldownSeconds ?? 300) * 1000;
  const periodMs = (options.periodSeconds ?? 300) * 1000;
  checkPositive(periodMs, "periodSeconds");
  const state: State = {};
  const alarms = options.queueAlarms ?? CDK_QUEUE_PROCESSING_ALARMS;
  const cpuTarget =
    options.cpuTargetPercent === undefined ? CDK_CPU_TARGET_PERCENT : options.cpuTargetPercent;
  const cpuPolicy =
    cpuTarget === null
      ? undefined
      : createTargetTrackingPolicy({
          target: cpuTarget,
          bounds,
          series: (view, since) => view.cloudwatch("CPUUtilization", since),
        });

  const scaleOut = (view: ScalerView, change: number): number | undefined => {
    const desired = view.service.desiredCount;
    const cooling = state.scaleOut !== undefined && view.now < state.scaleOut.endsAt;
    const base = cooling && state.scaleOut ? state.scaleOut.base : desired;
    const capacity = clampToBounds(base + change, desired, bounds).value;
    if (capacity <= desired) return undefined;
    state.scaleOut = { base, endsAt: view.now + cooldownMs };
    state.scaleInEndsAt = undefined; // [AWS] a scale-out ends the scale-in cooldown
    return capacity;
  };

  const scaleIn = (view: ScalerView, change: number): number | undefined => {
    if (view.service.deploymentInProgress) return undefined; // [AWS] scale-in is off during ECS deployments
    if (state.scaleInEndsAt !== undefined && view.now < state.scaleInEndsAt) return undefined;
    const desired = view.service.desiredCount;
    const capacity = clampToBounds(desired + change, desired, bounds).value;
    if (capacity >= desired) return undefined;
    state.scaleInEndsAt = view.now + cooldownMs;
    return capacity;
  };

  return {
    name: "aws-step",
    intervalSeconds: MINUTE_MS / 1000,
    step(view) {
      const minute = Math.floor(view.now / MINUTE_MS);
      if (minute === state.evaluatedMinute) return undefined; // CloudWatch evaluates once a minute
      state.evaluatedMinute = minute;
      const cpu = cpuPolicy?.(view) ?? { capacity: undefined, readyToScaleIn: true };
      const fromSteps = stepPolicy(view, minute, cpu.readyToScaleIn);
      if (fromSteps === undefined || cpu.capacity === undefined) return fromSteps ?? cpu.capacity;
      return Math.max(fromSteps, cpu.capacity);
    },
  };

  function stepPolicy(view: ScalerView, minute: number, mayScaleIn: boolean): number | undefined {
    const value = windowMaximum(view, minute * MINUTE_MS, periodMs);
    if (value === undefined) return undefined; // INSUFFICIENT_DATA: neither alarm acts
    const { upper, lower } = alarms;
    if (value >= upper.threshold) return scaleOut(view, stepChange(upper, value));
    if (value <= lower.threshold && mayScaleIn) return scaleIn(view, stepChange(lower, value));
    return undefined;
  }
}

/** The alarm's 5-minute Maximum: the largest published 1-minute datapoint in [end − period, end). */
export function windowMaximum(view: ScalerView, endMs: number, periodMs: number): number | undefined {
  let max: number | undefined;
  for (const point of view.cloudwatch("ApproximateNumberOfMessagesVisible", endMs - periodMs)) {
    if (point.timestamp < endMs && (max === undefined || point.value > max)) max = point.value;
  }
  return max;
}

/** The change of the step holding value − threshold; 0 in a gap (the CDK never leaves one). */
export function stepChange(alarm: StepAlarm, value: number): number {
  const diff = value - alarm.threshold;
  const above = alarm.comparison === "GreaterThanOrEqualToThreshold";
  const step = alarm.steps.find((s: StepInterval) => {
    const lower = s.lower ?? Number.NEGATIVE_INFINITY;
    const upper = s.upper ?? Number.POSITIVE_INFINITY;
    return above ? lower <= diff && diff < upper : lower < diff && diff <= upper;
  });
  return step?.change ?? 0;
}

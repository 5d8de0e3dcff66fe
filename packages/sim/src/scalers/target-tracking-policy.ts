// One AWS Application Auto Scaling target tracking policy on any 1-minute metric, as AAS runs it [AWS]:
// - The two alarms AAS creates: AlarmHigh, 3 of 3 one-minute datapoints > target; AlarmLow, 15 of 15 < 0.9 ×
//   target. CloudWatch evaluates them once a minute over the datapoints published so far, and alarms with
//   Auto Scaling actions re-invoke the policy every minute they stay in ALARM.
// - New capacity = ceil(running × metric / target), from the running count (DESIGN §3), clamped to [min, max].
//   Which breaching datapoint AWS feeds into the formula is not documented; we use the newest, as core does.
// - Scale-out cooldown (300 s): capacity already added counts, so only a larger capacity than the current
//   desired count proceeds. Because the base is the running count, that is also the rule outside the cooldown:
//   a scale-out never lowers desired. A scale-out ends a running scale-in cooldown.
// - Scale-in cooldown (300 s) blocks further scale-ins; no scale-in during an ECS deployment.
// - No scale-in with any of the 15 datapoints missing; no action at all without data (INSUFFICIENT_DATA).
// Used by aws-target-tracking (backlog per task) and aws-step (the CDK's CPU 50 % policy).
import type { Datapoint } from "@gantry/core";
import { allBreach, ceilTolerant, clampToBounds, recentBuckets } from "@gantry/core/building-blocks";
import { checkBounds, checkPositive } from "./capacity-bounds.ts";
import type { ScalerBounds, ScalerView } from "./scaler.ts";

export const TARGET_TRACKING_PERIOD_MS = 60_000;
export const SCALE_OUT_DATAPOINTS = 3;
export const SCALE_IN_DATAPOINTS = 15;
export const SCALE_IN_RATIO = 0.9;
/**
 * The newest datapoint must be younger than this, or the alarms see only missing data. CloudWatch does not
 * document a 1-minute alarm's evaluation range exactly; 10 minutes tolerates the usual 2–5 minute SQS lag.
 */
export const MAX_DATA_AGE_MS = 600_000;

export interface TargetTrackingPolicyOptions {
  readonly target: number;
  readonly bounds: ScalerBounds;
  /** The policy's metric, 1-minute datapoints published since `sinceMs`. */
  readonly series: (view: ScalerView, sinceMs: number) => Datapoint[];
  /** Default 300 s. */
  readonly scaleInCooldownSeconds?: number;
}

interface AlarmReading {
  /** The newest datapoint of the metric. */
  readonly value: number;
  readonly high: boolean;
  readonly low: boolean;
}

/** One evaluation: the new desired count (undefined: none), and whether the policy would let others scale in. */
export interface TargetTrackingAnswer {
  readonly capacity: number | undefined;
  /** The low alarm is in ALARM, or the metric has no data (no opinion); false while the metric is near target. */
  readonly readyToScaleIn: boolean;
}

/** Evaluates the policy; call it once a minute. */
export type TargetTrackingPolicy = (view: ScalerView) => TargetTrackingAnswer;

export function createTargetTrackingPolicy(options: TargetTrackingPolicyOptions): TargetTrackingPolicy {
  const { target, bounds, series } = options;
  checkPositive(target, "target");
  checkBounds(bounds);
  const scaleInCooldownMs = (options.scaleInCooldownSeconds ?? 300) * 1000;
  let scaleInCooldownEndsAt: number | undefined;

  const scaleOut = (view: ScalerView, value: number): number | undefined => {
    const capacity = proportionalCapacity(view, value, target, bounds);
    // Capacity added by an earlier scale-out (in cooldown or not) counts: only a larger one proceeds.
    if (capacity <= view.service.desiredCount) return undefined;
    scaleInCooldownEndsAt = undefined; // [AWS] a scale-out stops the scale-in cooldown
    return capacity;
  };

  const scaleIn = (view: ScalerView, value: number): number | undefined => {
    if (view.service.deploymentInProgress) return undefined; // [AWS] scale-in is off during ECS deployments
    if (scaleInCooldownEndsAt !== undefined && view.now < scaleInCooldownEndsAt) return undefined;
    const capacity = proportionalCapacity(view, value, target, bounds);
    // ceil keeps running × value / capacity ≤ target, so this never anticipates flapping; it only must shrink.
    if (capacity >= view.service.desiredCount) return undefined;
    scaleInCooldownEndsAt = view.now + scaleInCooldownMs;
    return capacity;
  };

  return (view) => {
    const reading = readAlarms(view, target, series);
    if (reading === undefined) return { capacity: undefined, readyToScaleIn: true };
    if (reading.high) return { capacity: scaleOut(view, reading.value), readyToScaleIn: false };
    if (reading.low) return { capacity: scaleIn(view, reading.value), readyToScaleIn: true };
    return { capacity: undefined, readyToScaleIn: false };
  };
}

function proportionalCapacity(view: ScalerView, value: number, target: number, bounds: ScalerBounds): number {
  return clampToBounds(
    ceilTolerant((view.service.runningCount * value) / target),
    view.service.desiredCount,
    bounds,
  ).value;
}

/** Both alarms on the published datapoints; undefined when they have none (INSUFFICIENT_DATA). */
function readAlarms(
  view: ScalerView,
  target: number,
  series: TargetTrackingPolicyOptions["series"],
): AlarmReading | undefined {
  const since = view.now - SCALE_IN_DATAPOINTS * TARGET_TRACKING_PERIOD_MS - MAX_DATA_AGE_MS;
  const buckets = recentBuckets(
    series(view, since),
    view.now,
    TARGET_TRACKING_PERIOD_MS,
    SCALE_IN_DATAPOINTS,
    MAX_DATA_AGE_MS,
  );
  if (buckets === undefined) return undefined;
  return {
    value: buckets[0] as number,
    high: allBreach(buckets, SCALE_OUT_DATAPOINTS, (v) => v > target),
    low: allBreach(buckets, SCALE_IN_DATAPOINTS, (v) => v < SCALE_IN_RATIO * target),
  };
}

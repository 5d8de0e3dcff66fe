// AWS Application Auto Scaling target tracking on the SQS "backlog per task" metric math AWS recommends:
// e1 = m1 / m2 with m1 = ApproximateNumberOfMessagesVisible (AWS/SQS) and m2 = RunningTaskCount (ECS/Container
// Insights), both 1-minute CloudWatch datapoints, so they arrive minutes late.
//
// What is emulated [AWS]:
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
// - m1 / m2 has no value where RunningTaskCount is 0 or missing, so target tracking cannot scale from zero:
//   with nothing running there is no metric and ceil(0 × metric / target) is 0 anyway. Use minCapacity ≥ 1.
import type { Datapoint } from "@gantry/core";
import { allBreach, ceilTolerant, clampToBounds, recentBuckets } from "@gantry/core/building-blocks";
import { checkBounds, checkPositive } from "./capacity-bounds.ts";
import type { Scaler, ScalerBounds, ScalerView } from "./scaler.ts";

export const TARGET_TRACKING_PERIOD_MS = 60_000;
export const SCALE_OUT_DATAPOINTS = 3;
export const SCALE_IN_DATAPOINTS = 15;
export const SCALE_IN_RATIO = 0.9;
/**
 * The newest datapoint must be younger than this, or the alarms see only missing data. CloudWatch does not
 * document a 1-minute alarm's evaluation range exactly; 10 minutes tolerates the usual 2–5 minute SQS lag.
 */
export const MAX_DATA_AGE_MS = 600_000;

export interface AwsTargetTrackingOptions {
  /** Visible messages per running task to hold (AWS: acceptable latency ÷ average processing time). */
  readonly targetBacklogPerTask: number;
  readonly bounds: ScalerBounds;
  /** Default 300 s. There is no scale-out cooldown option: with the running count as base it changes nothing. */
  readonly scaleInCooldownSeconds?: number;
}

interface AlarmReading {
  /** The newest datapoint of the metric math. */
  readonly value: number;
  readonly high: boolean;
  readonly low: boolean;
}

interface State {
  evaluatedMinute?: number;
  scaleInCooldownEndsAt?: number;
}

export function createAwsTargetTracking(options: AwsTargetTrackingOptions): Scaler {
  const { targetBacklogPerTask: target, bounds } = options;
  checkPositive(target, "targetBacklogPerTask");
  checkBounds(bounds);
  const scaleInCooldownMs = (options.scaleInCooldownSeconds ?? 300) * 1000;
  const state: State = {};

  const scaleOut = (view: ScalerView, value: number): number | undefined => {
    const capacity = proportionalCapacity(view, value, target, bounds);
    // Capacity added by an earlier scale-out (in cooldown or not) counts: only a larger one proceeds.
    if (capacity <= view.service.desiredCount) return undefined;
    state.scaleInCooldownEndsAt = undefined; // [AWS] a scale-out stops the scale-in cooldown
    return capacity;
  };

  const scaleIn = (view: ScalerView, value: number): number | undefined => {
    if (view.service.deploymentInProgress) return undefined; // [AWS] scale-in is off during ECS deployments
    if (state.scaleInCooldownEndsAt !== undefined && view.now < state.scaleInCooldownEndsAt) return undefined;
    const capacity = proportionalCapacity(view, value, target, bounds);
    // ceil keeps running × value / capacity ≤ target, so this never anticipates flapping; it only must shrink.
    if (capacity >= view.service.desiredCount) return undefined;
    state.scaleInCooldownEndsAt = view.now + scaleInCooldownMs;
    return capacity;
  };

  return {
    name: "aws-target-tracking",
    intervalSeconds: TARGET_TRACKING_PERIOD_MS / 1000,
    step(view) {
      const minute = Math.floor(view.now / TARGET_TRACKING_PERIOD_MS);
      if (minute === state.evaluatedMinute) return undefined; // CloudWatch evaluates once a minute
      state.evaluatedMinute = minute;
      const reading = readAlarms(view, target);
      if (reading?.high) return scaleOut(view, reading.value);
      if (reading?.low) return scaleIn(view, reading.value);
      return undefined;
    },
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
export function readAlarms(view: ScalerView, target: number): AlarmReading | undefined {
  const since = view.now - SCALE_IN_DATAPOINTS * TARGET_TRACKING_PERIOD_MS - MAX_DATA_AGE_MS;
  const buckets = recentBuckets(
    backlogPerTaskSeries(view, since),
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

/** The metric math m1 / m2, per 1-minute period; no value where m2 is missing or 0 (division by zero). */
export function backlogPerTaskSeries(view: ScalerView, sinceMs: number): Datapoint[] {
  const tasks = new Map<number, number>();
  for (const point of view.cloudwatch("RunningTaskCount", sinceMs)) tasks.set(point.timestamp, point.value);
  const series: Datapoint[] = [];
  for (const point of view.cloudwatch("ApproximateNumberOfMessagesVisible", sinceMs)) {
    const running = tasks.get(point.timestamp);
    if (running !== undefined && running > 0) {
      series.push({ timestamp: point.timestamp, value: point.value / running });
    }
  }
  return series;
}

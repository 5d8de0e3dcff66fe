import { isLiveMetric } from "../model/metric-spec.ts";
import type { LiveRun } from "../model/state.ts";
import type { TargetTrackingPolicy } from "../model/target-tracking-policy.ts";
import { type DecisionContext, hold, type PolicyProposal } from "./context.ts";
import { allBreach, newestTimestamp, recentBuckets } from "./datapoints.ts";
import { sampleLiveMetric } from "./live-metric.ts";
import { advanceLiveRun, runDatapoints, runSpans } from "./live-runs.ts";
import { ceilTolerant } from "./rounding.ts";

interface Reading {
  value: number;
  /** ceil(running × metric / target): the capacity that brings the metric back to target. */
  proposal: number;
  formula: string;
  outHolds: boolean;
  inHolds: boolean;
  outSeen: string;
  live?: LiveRun;
  wake?: boolean;
  busyTasks?: number;
  datapointBase?: [number, number];
}

type ReadResult = Reading | { missing: string; live?: undefined };

/** Target tracking as Application Auto Scaling does it, with tunable datapoints (DESIGN §3). */
export function decideTargetTracking(policy: TargetTrackingPolicy, ctx: DecisionContext): PolicyProposal {
  const canScaleIn = !policy.disableScaleIn;
  const reading = isLiveMetric(policy.metric) ? readLive(policy, ctx) : readSeries(policy, ctx);
  if ("missing" in reading) {
    return hold(
      ctx,
      policy.name,
      canScaleIn,
      { code: "InsufficientData", message: reading.missing },
      "noData",
    );
  }
  const proposal = decideFromReading(policy, ctx, reading, canScaleIn);
  proposal.need = Math.max(reading.proposal, reading.busyTasks ?? 0);
  if (reading.live) proposal.live = reading.live;
  if (reading.datapointBase) proposal.datapointBase = reading.datapointBase;
  return proposal;
}

function decideFromReading(
  policy: TargetTrackingPolicy,
  ctx: DecisionContext,
  reading: Reading,
  canScaleIn: boolean,
): PolicyProposal {
  const { targetValue: target, name } = policy;
  const desired = ctx.observation.desiredCount;
  const shown = formatValue(reading.value);
  if (reading.value > target) {
    if (!reading.outHolds) {
      return hold(ctx, name, canScaleIn, {
        code: "AlarmNotBreached",
        message: `${shown} above target ${target} for ${reading.outSeen} datapoints; waiting`,
      });
    }
    if (reading.proposal > desired) {
      const code = reading.wake ? "WakeFromZero" : "TargetTrackingScaleOut";
      const message = reading.wake
        ? `waking from zero: ${reading.formula} = ${reading.proposal}`
        : `${shown} > target ${target}: ${reading.formula} = ${reading.proposal}`;
      return {
        policy: name,
        intent: "out",
        capacity: reading.proposal,
        canScaleIn,
        reasons: [{ code, message, policy: name }],
      };
    }
    return heldByAddedCapacity(policy, ctx, reading, canScaleIn);
  }
  const inThreshold = target * policy.evaluation.scaleInThresholdRatio;
  if (reading.value >= inThreshold) {
    return hold(ctx, name, canScaleIn, {
      code: "WithinTarget",
      message: `${shown} within [${formatValue(inThreshold)}, ${target}]`,
    });
  }
  if (!canScaleIn) {
    return hold(ctx, name, false, {
      code: "ScaleInDisabled",
      message: `${shown} below target; scale-in disabled`,
    });
  }
  if (!reading.inHolds) {
    return hold(ctx, name, true, {
      code: "AlarmNotBreached",
      message: `${shown} below ${formatValue(inThreshold)}, not yet for ${policy.evaluation.scaleInDatapoints} datapoints`,
    });
  }
  return proposeScaleIn(policy, ctx, reading);
}

function heldByAddedCapacity(
  policy: TargetTrackingPolicy,
  ctx: DecisionContext,
  reading: Reading,
  canScaleIn: boolean,
): PolicyProposal {
  const window = ctx.previous?.scaleOut;
  const inCooldown = window !== undefined && ctx.now - window.at < policy.scaleOutCooldown * 1000;
  const message = `${reading.formula} = ${reading.proposal} ≤ desired ${ctx.observation.desiredCount}: capacity already added counts`;
  return hold(ctx, policy.name, canScaleIn, {
    code: inCooldown ? "ScaleOutCooldown" : "AlreadyAtDesiredCapacity",
    message,
  });
}

function proposeScaleIn(
  policy: TargetTrackingPolicy,
  ctx: DecisionContext,
  reading: Reading,
): PolicyProposal {
  const { name } = policy;
  const lastIn = ctx.previous?.lastScaleInAt;
  if (lastIn !== undefined && ctx.now - lastIn < policy.scaleInCooldown * 1000) {
    const left = Math.ceil((policy.scaleInCooldown * 1000 - (ctx.now - lastIn)) / 1000);
    return hold(ctx, name, true, { code: "ScaleInCooldown", message: `scale-in cooldown: ${left} s left` });
  }
  const { minCapacity } = ctx.bounds;
  if (ctx.observation.desiredCount <= minCapacity) {
    return hold(ctx, name, true, { code: "AlreadyAtMinCapacity", message: `already at min ${minCapacity}` });
  }
  if (reading.proposal >= ctx.observation.desiredCount) {
    return hold(ctx, name, true, {
      code: "AutoScalingAnticipatedFlapping",
      message: `${reading.formula} = ${reading.proposal}: removing a task would push the metric above target`,
    });
  }
  const message = `${formatValue(reading.value)} < ${formatValue(policy.targetValue * policy.evaluation.scaleInThresholdRatio)} for ${policy.evaluation.scaleInDatapoints} datapoints: ${reading.formula} = ${reading.proposal}`;
  return {
    policy: name,
    intent: "in",
    capacity: reading.proposal,
    canScaleIn: true,
    reasons: [{ code: "TargetTrackingScaleIn", message, policy: name }],
  };
}

function readLive(policy: TargetTrackingPolicy, ctx: DecisionContext): ReadResult {
  if (!isLiveMetric(policy.metric)) throw new TypeError("readLive needs a live metric");
  const { now, observation } = ctx;
  const { targetValue: target, evaluation } = policy;
  const periodMs = evaluation.periodSeconds * 1000;
  const previous = ctx.previous?.live[policy.name];
  const sample = sampleLiveMetric(policy.metric, observation, { previous, now, periodMs });
  if ("missing" in sample) return sample;
  const live = advanceLiveRun(previous, {
    now,
    periodMs,
    ...(sample.memory && { memory: sample.memory }),
    outBreach: sample.value > target,
    inBreach: sample.value < target * evaluation.scaleInThresholdRatio,
  });
  const activation = ctx.behavior?.scaleToZero?.activationThreshold ?? 0;
  const atZero = observation.desiredCount === 0;
  const wake = atZero && sample.messages > activation;
  const { capacity, formula } = sample.proposal(target);
  return {
    value: sample.value,
    proposal: atZero && wake ? Math.max(1, capacity) : capacity,
    formula,
    outHolds: atZero ? wake : runSpans(live.outSince, now, periodMs, evaluation.scaleOutDatapoints),
    inHolds: runSpans(live.inSince, now, periodMs, evaluation.scaleInDatapoints),
    outSeen: `${Math.min(runDatapoints(live.outSince, now, periodMs), evaluation.scaleOutDatapoints)} of ${evaluation.scaleOutDatapoints}`,
    live,
    wake,
    ...(sample.busyTasks !== undefined && { busyTasks: sample.busyTasks }),
  };
}

function readSeries(policy: TargetTrackingPolicy, ctx: DecisionContext): ReadResult {
  const { now, observation } = ctx;
  const { evaluation, targetValue: target } = policy;
  const running = observation.runningCount;
  if (running === 0) return { missing: "no running task: the per-task metric is undefined" };
  const count = Math.max(evaluation.scaleOutDatapoints, evaluation.scaleInDatapoints);
  const buckets = recentBuckets(
    observation.metrics[policy.name],
    now,
    evaluation.periodSeconds * 1000,
    count,
    evaluation.maxDataAgeSeconds * 1000,
  );
  if (!buckets) return { missing: `no datapoint in the last ${evaluation.maxDataAgeSeconds} s` };
  const value = buckets[0] as number;
  const breachingOut = countLeading(buckets, (v) => v > target);
  const newest = newestTimestamp(observation.metrics[policy.name], now) as number;
  const seen = ctx.previous?.datapointBase[policy.name];
  // The running count this datapoint describes: the one when it was first read.
  const base = seen !== undefined && seen[0] === newest ? seen[1] : running;
  return {
    value,
    datapointBase: [newest, base],
    proposal: ceilTolerant((base * value) / target),
    formula: `ceil(${base}${base === running ? "" : ` (running when this datapoint was first read)`} × ${formatValue(value)} / ${target})`,
    outHolds: allBreach(buckets, evaluation.scaleOutDatapoints, (v) => v > target),
    inHolds: allBreach(
      buckets,
      evaluation.scaleInDatapoints,
      (v) => v < target * evaluation.scaleInThresholdRatio,
    ),
    outSeen: `${Math.min(breachingOut, evaluation.scaleOutDatapoints)} of ${evaluation.scaleOutDatapoints}`,
  };
}

function countLeading(buckets: readonly (number | undefined)[], test: (value: number) => boolean): number {
  let n = 0;
  while (n < buckets.length && buckets[n] !== undefined && test(buckets[n] as number)) n++;
  return n;
}

export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return "∞";
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

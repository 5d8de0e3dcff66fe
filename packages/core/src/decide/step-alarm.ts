import { isLiveMetric } from "../model/metric-spec.ts";
import type { LiveRun } from "../model/state.ts";
import type { StepScalingPolicy } from "../model/step-scaling-policy.ts";
import type { DecisionContext } from "./context.ts";
import { newestTimestamp, recentBuckets } from "./datapoints.ts";
import { sampleLiveMetric } from "./live-metric.ts";
import { advanceLiveRun, runSpans } from "./live-runs.ts";
import { aggregate, breaches } from "./step-adjustment.ts";

/** A step policy's alarm: whether it is in ALARM, the value that picks the step, and the datapoint it rests on. */
export type AlarmReading =
  | { missing: string; live?: LiveRun }
  | { breached: boolean; value: number; key: number; detail: string; live?: LiveRun };

export function readAlarm(policy: StepScalingPolicy, ctx: DecisionContext): AlarmReading {
  return isLiveMetric(policy.metric) ? readLiveAlarm(policy, ctx) : readSeriesAlarm(policy, ctx);
}

/** CloudWatch's M of N: the alarm fires when datapointsToAlarm of the last evaluationPeriods breach. */
function readSeriesAlarm(policy: StepScalingPolicy, ctx: DecisionContext): AlarmReading {
  const { alarm } = policy;
  const periodMs = alarm.periodSeconds * 1000;
  const series = ctx.observation.metrics[policy.name];
  const buckets = recentBuckets(
    series,
    ctx.now,
    periodMs,
    alarm.evaluationPeriods,
    alarm.maxDataAgeSeconds * 1000,
  );
  if (!buckets) return { missing: `no datapoint in the last ${alarm.maxDataAgeSeconds} s` };
  const present = buckets.filter((v): v is number => v !== undefined);
  if (present.length < alarm.datapointsToAlarm) {
    return { missing: `${present.length} of ${alarm.evaluationPeriods} datapoints present` };
  }
  const breaching = present.filter((v) => breaches(v, alarm.threshold, alarm.comparisonOperator));
  const newest = newestTimestamp(series, ctx.now) as number;
  const breached = breaching.length >= alarm.datapointsToAlarm;
  return {
    breached,
    // The step is picked by the breaching datapoints only, so a recovering one cannot pull it across the threshold.
    value: aggregate(breached ? breaching : present, policy.metricAggregationType),
    key: Math.floor(newest / periodMs) * periodMs,
    detail: `${breaching.length} of ${alarm.evaluationPeriods} datapoints breach (${alarm.datapointsToAlarm} needed)`,
  };
}

/** Live sqs metric: M of N becomes "breaching for M consecutive periods"; one step per period at most. */
function readLiveAlarm(policy: StepScalingPolicy, ctx: DecisionContext): AlarmReading {
  if (!isLiveMetric(policy.metric)) throw new TypeError("readLiveAlarm needs a live metric");
  const { alarm } = policy;
  const periodMs = alarm.periodSeconds * 1000;
  const previous = ctx.previous?.live[policy.name];
  const sample = sampleLiveMetric(policy.metric, ctx.observation, { previous, now: ctx.now, periodMs });
  if ("missing" in sample) return sample;
  const value = sample.value;
  const live = advanceLiveRun(previous, {
    now: ctx.now,
    periodMs,
    ...(sample.memory && { memory: sample.memory }),
    outBreach: breaches(value, alarm.threshold, alarm.comparisonOperator),
    inBreach: false,
  });
  return {
    breached: runSpans(live.outSince, ctx.now, periodMs, alarm.datapointsToAlarm),
    value,
    key: Math.floor(ctx.now / periodMs) * periodMs,
    detail: `live value ${value} vs threshold ${alarm.threshold}`,
    live,
  };
}

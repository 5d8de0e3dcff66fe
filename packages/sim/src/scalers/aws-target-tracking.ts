// AWS Application Auto Scaling target tracking on the SQS "backlog per task" metric math AWS recommends:
// e1 = m1 / m2 with m1 = ApproximateNumberOfMessagesVisible (AWS/SQS) and m2 = RunningTaskCount (ECS/Container
// Insights), both 1-minute CloudWatch datapoints, so they arrive minutes late. The alarms, formula and
// cooldowns are AAS's (target-tracking-policy.ts).
// m1 / m2 has no value where RunningTaskCount is 0 or missing, so target tracking cannot scale from zero:
// with nothing running there is no metric and ceil(0 × metric / target) is 0 anyway. Use minCapacity ≥ 1.
import type { Datapoint } from "@gantry/core";
import { checkPositive } from "./capacity-bounds.ts";
import type { Scaler, ScalerBounds, ScalerView } from "./scaler.ts";
import { createTargetTrackingPolicy, TARGET_TRACKING_PERIOD_MS } from "./target-tracking-policy.ts";

export {
  MAX_DATA_AGE_MS,
  SCALE_IN_DATAPOINTS,
  SCALE_IN_RATIO,
  SCALE_OUT_DATAPOINTS,
  TARGET_TRACKING_PERIOD_MS,
} from "./target-tracking-policy.ts";

export interface AwsTargetTrackingOptions {
  /** Visible messages per running task to hold (AWS: acceptable latency ÷ average processing time). */
  readonly targetBacklogPerTask: number;
  readonly bounds: ScalerBounds;
  /** Default 300 s. There is no scale-out cooldown option: with the running count as base it changes nothing. */
  readonly scaleInCooldownSeconds?: number;
}

export function createAwsTargetTracking(options: AwsTargetTrackingOptions): Scaler {
  const { targetBacklogPerTask: target, bounds, scaleInCooldownSeconds } = options;
  checkPositive(target, "targetBacklogPerTask");
  const policy = createTargetTrackingPolicy({
    target,
    bounds,
    series: backlogPerTaskSeries,
    ...(scaleInCooldownSeconds === undefined ? {} : { scaleInCooldownSeconds }),
  });
  let evaluatedMinute: number | undefined;
  return {
    name: "aws-target-tracking",
    intervalSeconds: TARGET_TRACKING_PERIOD_MS / 1000,
    step(view) {
      const minute = Math.floor(view.now / TARGET_TRACKING_PERIOD_MS);
      if (minute === evaluatedMinute) return undefined; // CloudWatch evaluates once a minute
      evaluatedMinute = minute;
      return policy(view).capacity;
    },
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

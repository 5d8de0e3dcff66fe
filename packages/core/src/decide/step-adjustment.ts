import type { ComparisonOperator, StepAdjustment, StepScalingPolicy } from "../model/step-scaling-policy.ts";
import { roundPercentAdjustment } from "./rounding.ts";

export function breaches(value: number, threshold: number, operator: ComparisonOperator): boolean {
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

/**
 * The step whose interval holds `value − threshold`. Above the threshold the lower bound is inclusive and the
 * upper exclusive; below it the lower bound is exclusive and the upper inclusive [AWS]. At exactly the threshold
 * the alarm's direction decides which rule applies.
 */
export function selectStep(policy: StepScalingPolicy, value: number): StepAdjustment | undefined {
  const diff = value - policy.alarm.threshold;
  const above = diff > 0 || (diff === 0 && policy.alarm.comparisonOperator.startsWith("Greater"));
  // An open end holds everything beyond it, an infinite reading too (backlog per task with no task running).
  return policy.stepAdjustments.find((step) => {
    const lower = step.metricIntervalLowerBound;
    const upper = step.metricIntervalUpperBound;
    const aboveLower = lower === undefined || (above ? lower <= diff : lower < diff);
    const belowUpper = upper === undefined || (above ? diff < upper : diff <= upper);
    return aboveLower && belowUpper;
  });
}

/** The change a percent step makes to `base`, rounded as AWS rounds it, then raised to minAdjustmentMagnitude. */
export function percentChange(
  base: number,
  percent: number,
  minAdjustmentMagnitude: number | undefined,
): number {
  const change = roundPercentAdjustment((base * percent) / 100);
  if (minAdjustmentMagnitude === undefined || Math.abs(change) >= minAdjustmentMagnitude) return change;
  return Math.sign(percent) * minAdjustmentMagnitude;
}

export function aggregate(
  values: readonly number[],
  type: StepScalingPolicy["metricAggregationType"],
): number {
  if (type === "Minimum") return Math.min(...values);
  if (type === "Maximum") return Math.max(...values);
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

export function describeInterval(step: StepAdjustment): string {
  const lower = step.metricIntervalLowerBound ?? "-∞";
  const upper = step.metricIntervalUpperBound ?? "∞";
  return `[${lower}, ${upper})`;
}

import * as z from "zod";
import { NameSchema, SecondsSchema } from "./common.ts";
import { MetricSpecSchema } from "./metric-spec.ts";

export const COMPARISON_OPERATORS = [
  "GreaterThanOrEqualToThreshold",
  "GreaterThanThreshold",
  "LessThanThreshold",
  "LessThanOrEqualToThreshold",
] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export const ADJUSTMENT_TYPES = ["ChangeInCapacity", "PercentChangeInCapacity", "ExactCapacity"] as const;

const StepAdjustmentSchema = z
  .strictObject({
    metricIntervalLowerBound: z.number().optional(),
    metricIntervalUpperBound: z.number().optional(),
    scalingAdjustment: z.number().int(),
  })
  .refine((s) => s.metricIntervalLowerBound !== undefined || s.metricIntervalUpperBound !== undefined, {
    message: "a step needs a lower bound, an upper bound or both",
  })
  .refine(
    (s) =>
      s.metricIntervalLowerBound === undefined ||
      s.metricIntervalUpperBound === undefined ||
      s.metricIntervalLowerBound < s.metricIntervalUpperBound,
    { message: "metricIntervalLowerBound must be below metricIntervalUpperBound" },
  );
export type StepAdjustment = z.output<typeof StepAdjustmentSchema>;

export const AlarmSchema = z
  .strictObject({
    threshold: z.number(),
    comparisonOperator: z.enum(COMPARISON_OPERATORS),
    evaluationPeriods: z.number().int().min(1).max(60).default(1),
    datapointsToAlarm: z.number().int().min(1).max(60).default(1),
    periodSeconds: z.number().int().min(10).max(3600).default(60),
    maxDataAgeSeconds: z.number().int().min(1).max(86_400).default(300),
  })
  .refine((a) => a.datapointsToAlarm <= a.evaluationPeriods, {
    message: "must not exceed evaluationPeriods",
    path: ["datapointsToAlarm"],
  });

export const StepScalingPolicySchema = z
  .strictObject({
    name: NameSchema,
    type: z.literal("StepScaling"),
    metric: MetricSpecSchema,
    alarm: AlarmSchema,
    adjustmentType: z.enum(ADJUSTMENT_TYPES),
    stepAdjustments: z.array(StepAdjustmentSchema).min(1).max(20),
    minAdjustmentMagnitude: z.number().int().min(1).optional(),
    cooldown: SecondsSchema.default(300),
    metricAggregationType: z.enum(["Average", "Minimum", "Maximum"]).default("Average"),
  })
  .superRefine((policy, ctx) => {
    const problem = checkStepLayout(policy.stepAdjustments);
    if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["stepAdjustments"] });
    if (policy.minAdjustmentMagnitude !== undefined && policy.adjustmentType !== "PercentChangeInCapacity") {
      ctx.addIssue({
        code: "custom",
        message: "only applies to PercentChangeInCapacity",
        path: ["minAdjustmentMagnitude"],
      });
    }
    if (
      policy.adjustmentType === "ExactCapacity" &&
      policy.stepAdjustments.some((s) => s.scalingAdjustment < 0)
    ) {
      ctx.addIssue({
        code: "custom",
        message: "ExactCapacity adjustments must be ≥ 0",
        path: ["stepAdjustments"],
      });
    }
  });

export type StepScalingPolicy = z.output<typeof StepScalingPolicySchema>;

/** AWS's rules: steps may not overlap or leave gaps; one open lower end and one open upper end at most. */
export function checkStepLayout(steps: readonly StepAdjustment[]): string | undefined {
  const lower = (s: StepAdjustment) => s.metricIntervalLowerBound ?? Number.NEGATIVE_INFINITY;
  const upper = (s: StepAdjustment) => s.metricIntervalUpperBound ?? Number.POSITIVE_INFINITY;
  const sorted = [...steps].sort((a, b) => lower(a) - lower(b));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as StepAdjustment;
    const next = sorted[i] as StepAdjustment;
    if (upper(prev) > lower(next)) return `steps overlap at ${lower(next)}`;
    if (upper(prev) < lower(next)) return `steps leave a gap between ${upper(prev)} and ${lower(next)}`;
  }
  return undefined;
}

import * as z from "zod";
import { NameSchema, SecondsSchema } from "./common.ts";
import { MetricSpecSchema } from "./metric-spec.ts";

/** How datapoints become scale-out / scale-in alarms. AWS's fixed values are the defaults; ours are tunable. */
export const EvaluationSchema = z.strictObject({
  periodSeconds: z.number().int().min(1).max(3600).default(60),
  scaleOutDatapoints: z.number().int().min(1).max(60).default(3),
  scaleInDatapoints: z.number().int().min(1).max(60).default(15),
  scaleInThresholdRatio: z.number().gt(0).max(1).default(0.9),
  /** CloudWatch-backed metrics: the newest datapoint must be at most this old, else the data counts as missing. */
  maxDataAgeSeconds: z.number().int().min(1).max(86_400).default(300),
});

export const TargetTrackingPolicySchema = z.strictObject({
  name: NameSchema,
  type: z.literal("TargetTracking"),
  targetValue: z.number().gt(0).max(1e9),
  metric: MetricSpecSchema,
  scaleOutCooldown: SecondsSchema.default(300),
  scaleInCooldown: SecondsSchema.default(300),
  disableScaleIn: z.boolean().default(false),
  evaluation: EvaluationSchema.default({
    periodSeconds: 60,
    scaleOutDatapoints: 3,
    scaleInDatapoints: 15,
    scaleInThresholdRatio: 0.9,
    maxDataAgeSeconds: 300,
  }),
});

export type TargetTrackingPolicy = z.output<typeof TargetTrackingPolicySchema>;
export type Evaluation = z.output<typeof EvaluationSchema>;

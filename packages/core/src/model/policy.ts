import * as z from "zod";
import { StepScalingPolicySchema } from "./step-scaling-policy.ts";
import { TargetTrackingPolicySchema } from "./target-tracking-policy.ts";

export const PolicySchema = z.discriminatedUnion("type", [
  TargetTrackingPolicySchema,
  StepScalingPolicySchema,
]);
export type Policy = z.output<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;

import * as z from "zod";
import { CapacitySchema, SecondsSchema } from "./common.ts";
import { StartupAwareSchema } from "./startup-behavior.ts";

/** Kubernetes HPA scaling rules (autoscaling/v2 HPAScalingRules). */
const ScalingRulesSchema = z.strictObject({
  stabilizationWindowSeconds: z.number().int().min(0).max(3600).optional(),
  selectPolicy: z.enum(["Max", "Min", "Disabled"]).default("Max"),
  policies: z
    .array(
      z.strictObject({
        type: z.enum(["Pods", "Percent"]),
        value: z.number().int().min(1),
        periodSeconds: z.number().int().min(1).max(1800),
      }),
    )
    .min(1)
    .max(10)
    .optional(),
});

/** HPA-style behavior, applied after the policies. Omitted directions are not limited (AWS semantics). */
export const BehaviorSchema = z.strictObject({
  scaleUp: ScalingRulesSchema.optional(),
  scaleDown: ScalingRulesSchema.optional(),
  scaleToZero: z
    .strictObject({
      idleSeconds: SecondsSchema.default(300),
      /** Wake from zero when the backlog exceeds this many messages (KEDA's activation threshold). */
      activationThreshold: z.number().int().min(0).default(0),
    })
    .optional(),
  /** KEDA-style fallback: after this long with no usable metric data, hold at least `capacity` tasks. */
  fallback: z.strictObject({ afterSeconds: SecondsSchema.default(300), capacity: CapacitySchema }).optional(),
  /** Startup-aware scaling: break-even scale-in and predictive pre-scaling (startup-behavior.ts). Off when absent. */
  startup: StartupAwareSchema.optional(),
});

export type Behavior = z.output<typeof BehaviorSchema>;
export type ScalingRules = z.output<typeof ScalingRulesSchema>;

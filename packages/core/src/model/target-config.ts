import * as z from "zod";
import { BehaviorSchema } from "./behavior.ts";
import { PolicySchema } from "./policy.ts";
import { ScheduledActionSchema } from "./scheduled-action.ts";
import { checkStartup } from "./startup-checks.ts";
import { TargetSchema } from "./target.ts";

/** Everything a user configures for one service: what `gantry apply` writes and the reconciler reads. */
export const TargetConfigSchema = z
  .strictObject({
    target: TargetSchema,
    policies: z.array(PolicySchema).max(50).default([]),
    scheduledActions: z.array(ScheduledActionSchema).max(200).default([]),
    behavior: BehaviorSchema.optional(),
  })
  .superRefine(checkStartup);

export type TargetConfig = z.output<typeof TargetConfigSchema>;
export type TargetConfigInput = z.input<typeof TargetConfigSchema>;

import * as z from "zod";
import { BehaviorSchema } from "./behavior.ts";
import { TimestampSchema } from "./common.ts";
import { ObservationSchema } from "./observation.ts";
import { PolicySchema } from "./policy.ts";
import { ScheduledActionSchema } from "./scheduled-action.ts";
import { ArrivalHistorySchema } from "./startup-behavior.ts";
import { checkStartup } from "./startup-checks.ts";
import { ScalingStateSchema } from "./state.ts";
import { TargetSchema } from "./target.ts";

/** Optional: what invoked this decision. An alarm event id makes a redelivered event a no-op. */
const TriggerSchema = z.strictObject({
  type: z.enum(["schedule", "alarm", "manual"]),
  eventId: z.string().min(1).max(256).optional(),
});

export const EvaluateRequestSchema = z
  .strictObject({
    now: TimestampSchema,
    target: TargetSchema,
    policies: z.array(PolicySchema).max(50).default([]),
    scheduledActions: z.array(ScheduledActionSchema).max(200).default([]),
    behavior: BehaviorSchema.optional(),
    observation: ObservationSchema,
    state: ScalingStateSchema.optional(),
    trigger: TriggerSchema.optional(),
    /** Predictive pre-scaling: the queue's recent arrivals, read by the runtime (behavior.startup.predictive). */
    history: ArrivalHistorySchema.optional(),
  })
  .superRefine((request, ctx) => {
    checkUniqueNames(request.policies, "policies", ctx);
    checkUniqueNames(request.scheduledActions, "scheduledActions", ctx);
    checkStartup(request, ctx);
  });

function checkUniqueNames(items: readonly { name: string }[], field: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.name)) {
      ctx.addIssue({
        code: "custom",
        message: `duplicate name "${item.name}"`,
        path: [field, index, "name"],
      });
    }
    seen.add(item.name);
  });
}

export type EvaluateRequest = z.output<typeof EvaluateRequestSchema>;
export type EvaluateRequestInput = z.input<typeof EvaluateRequestSchema>;
export type Trigger = z.output<typeof TriggerSchema>;

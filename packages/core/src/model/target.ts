import * as z from "zod";
import { CapacityConfigSchema } from "../capacity/capacity-config.ts";
import { CapacitySchema } from "./common.ts";

export const SuspendedStateSchema = z.strictObject({
  dynamicScalingInSuspended: z.boolean().default(false),
  dynamicScalingOutSuspended: z.boolean().default(false),
  scheduledScalingSuspended: z.boolean().default(false),
});

export const TARGET_ID_PATTERN = /^service\/[A-Za-z0-9_-]{1,255}\/[A-Za-z0-9_-]{1,255}$/;

/** A scalable target, as Application Auto Scaling names it: one ECS service. */
export const TargetSchema = z
  .strictObject({
    id: z.string().regex(TARGET_ID_PATTERN, "must be service/<cluster>/<service>"),
    minCapacity: CapacitySchema,
    maxCapacity: CapacitySchema,
    dryRun: z.boolean().default(false),
    /**
     * Scale the service although Application Auto Scaling still has it registered. Off by default: two
     * controllers would fight over its desired count (see ManagedByApplicationAutoScaling).
     */
    takeOver: z.boolean().default(false),
    suspendedState: SuspendedStateSchema.default({
      dynamicScalingInSuspended: false,
      dynamicScalingOutSuspended: false,
      scheduledScalingSuspended: false,
    }),
    /** The cluster stage: the Auto Scaling group or capacity provider under this service, shared by its cluster. */
    capacity: CapacityConfigSchema.optional(),
  })
  .refine((t) => t.minCapacity <= t.maxCapacity, {
    message: "must be greater than or equal to minCapacity",
    path: ["maxCapacity"],
  });

export type Target = z.output<typeof TargetSchema>;
export type TargetInput = z.input<typeof TargetSchema>;

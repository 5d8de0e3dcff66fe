import * as z from "zod";
import { CapacitySchema, SecondsSchema } from "../model/common.ts";

const StepSizeSchema = z.number().int().min(1).max(10_000);
const TaskCountSchema = z.number().int().min(0).max(10_000);

/**
 * The cluster stage's settings, carried by `Target.capacity`. Several targets (services) of one cluster name the
 * same group or capacity provider; `planCapacity` plans for the cluster as a whole. Defaults follow ECS managed
 * scaling [AWS] and cluster-autoscaler (unneeded time and delay after scale-out, 10 minutes each).
 */
export const CapacityConfigSchema = z
  .strictObject({
    mode: z.enum(["asg", "capacityProvider"]),
    /** The Auto Scaling group's or the capacity provider's name. */
    name: z.string().min(1).max(255),
    /** Percent of the instances that tasks should use; below 100 keeps spare instances, as ECS does. */
    targetCapacity: z.number().int().min(1).max(100).default(100),
    minInstances: CapacitySchema.default(0),
    maxInstances: CapacitySchema,
    minimumScalingStepSize: StepSizeSchema.default(1),
    maximumScalingStepSize: StepSizeSchema.default(10_000),
    /** A new instance counts as capacity coming, and is never drained, until it is this old. */
    instanceWarmupSeconds: SecondsSchema.default(300),
    /** How long an instance must stay unneeded before it is drained. */
    scaleInUnneededSeconds: SecondsSchema.default(600),
    /** No scale-in for this long after a scale-out. */
    delayAfterScaleOutSeconds: SecondsSchema.default(600),
    /**
     * Free room kept for this many more tasks (the size of the cluster's largest managed task), so that the first
     * tasks of the next scale-out start at once instead of waiting for an instance launch.
     */
    headroomTasks: TaskCountSchema.default(0),
    /**
     * Scale-in leaves room for this many tasks (default: headroomTasks). Above headroomTasks it is a band: an
     * instance is not drained only to be launched again when the next task arrives.
     */
    scaleInHeadroomTasks: TaskCountSchema.optional(),
  })
  .refine((c) => c.minInstances <= c.maxInstances, {
    message: "must be greater than or equal to minInstances",
    path: ["maxInstances"],
  })
  .refine((c) => c.minimumScalingStepSize <= c.maximumScalingStepSize, {
    message: "must be greater than or equal to minimumScalingStepSize",
    path: ["maximumScalingStepSize"],
  })
  .refine((c) => c.scaleInHeadroomTasks === undefined || c.scaleInHeadroomTasks >= c.headroomTasks, {
    message: "must be greater than or equal to headroomTasks",
    path: ["scaleInHeadroomTasks"],
  });

export type CapacityConfig = z.output<typeof CapacityConfigSchema>;
export type CapacityConfigInput = z.input<typeof CapacityConfigSchema>;

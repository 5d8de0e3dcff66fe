import * as z from "zod";
import { checkSchedule } from "../schedule/schedule.ts";
import { CapacitySchema, NameSchema, TimestampSchema } from "./common.ts";

export const ScheduledActionSchema = z
  .strictObject({
    name: NameSchema,
    schedule: z.string().min(1).max(256),
    timezone: z.string().min(1).default("UTC"),
    startTime: TimestampSchema.optional(),
    endTime: TimestampSchema.optional(),
    minCapacity: CapacitySchema.optional(),
    maxCapacity: CapacitySchema.optional(),
  })
  .superRefine((action, ctx) => {
    const problem = checkSchedule(action.schedule, action.timezone);
    if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["schedule"] });
    if (action.minCapacity === undefined && action.maxCapacity === undefined) {
      ctx.addIssue({
        code: "custom",
        message: "set minCapacity, maxCapacity or both",
        path: ["minCapacity"],
      });
    }
    if (
      action.minCapacity !== undefined &&
      action.maxCapacity !== undefined &&
      action.minCapacity > action.maxCapacity
    ) {
      ctx.addIssue({
        code: "custom",
        message: "must be greater than or equal to minCapacity",
        path: ["maxCapacity"],
      });
    }
    if (action.startTime !== undefined && action.endTime !== undefined && action.startTime > action.endTime) {
      ctx.addIssue({ code: "custom", message: "must not be before startTime", path: ["endTime"] });
    }
  });

export type ScheduledAction = z.output<typeof ScheduledActionSchema>;

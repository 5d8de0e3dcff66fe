import * as z from "zod";
import { REASON_CODES } from "./decision.ts";

/** The last decision for a target, as stored beside its state: what `GET /targets` and `gantry explain` show. */
export const DecisionRecordSchema = z.strictObject({
  at: z.number().int().nonnegative(),
  desiredCapacity: z.number().int().nonnegative(),
  action: z.enum(["ScaleOut", "ScaleIn", "None"]),
  reasons: z.array(
    z.strictObject({ code: z.enum(REASON_CODES), message: z.string(), policy: z.string().optional() }),
  ),
  observed: z.strictObject({
    desiredCount: z.number().int().nonnegative(),
    runningCount: z.number().int().nonnegative(),
    pendingCount: z.number().int().nonnegative(),
  }),
  dryRun: z.boolean(),
});

export type DecisionRecord = z.output<typeof DecisionRecordSchema>;

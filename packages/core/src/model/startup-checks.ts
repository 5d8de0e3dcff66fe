import type * as z from "zod";
import type { Behavior } from "./behavior.ts";
import type { Policy } from "./policy.ts";

/**
 * A setting that could never act is refused, not ignored: the offered-load floor measures arrivals in tasks
 * through an sqsUtilization policy's processing time, so it needs one.
 */
export function checkStartup(
  config: { policies: readonly Policy[]; behavior?: Behavior | undefined },
  ctx: z.RefinementCtx,
): void {
  if (!config.behavior?.startup?.loadFloor) return;
  if (config.policies.some((p) => "sqsUtilization" in p.metric)) return;
  ctx.addIssue({
    code: "custom",
    message: "needs a policy on an sqsUtilization metric: its processingSeconds turn arrivals into tasks",
    path: ["behavior", "startup", "loadFloor"],
  });
}

import type { Clock } from "@gantry/core";
import type { Context } from "aws-lambda";

/**
 * Kept free before the Lambda timeout: the last pass's writes, the metrics flush and the response. The
 * reconciler adds its own `safetyMs` on top before starting a target.
 */
export const DEADLINE_SAFETY_MS = 3_000;

/** Epoch ms by which the handler must be done: now + the time Lambda has left − the safety margin. */
export function invocationDeadline(clock: Clock, context: Pick<Context, "getRemainingTimeInMillis">): number {
  return clock.now() + context.getRemainingTimeInMillis() - DEADLINE_SAFETY_MS;
}

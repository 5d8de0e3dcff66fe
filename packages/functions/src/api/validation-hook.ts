import { parseWith } from "@gantry/core";
import type { z } from "zod";

/**
 * The validators' failures as the core names them (ValidationError, 400, the field of the first issue):
 * core's parseWith replays the validator's result, so the message and field are the ones config files get.
 */
export function rethrowValidationError(result: {
  success: boolean;
  error?: z.ZodError;
  data?: unknown;
}): void {
  if (result.success || !result.error) return;
  const failed = { safeParse: () => ({ success: false, error: result.error }) } as unknown as z.ZodType;
  parseWith(failed, result.data);
}

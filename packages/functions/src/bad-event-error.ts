import { GantryError, listProblems } from "@gantry/core";
import type { z } from "zod";

/**
 * An invocation event that is not what the function subscribes to. Thrown once, from parsing, so the Lambda
 * fails: an async invocation is retried and then sent to the function's on-failure destination or DLQ, where
 * the event can be inspected. `field` is the dotted path of the first problem (`detail.alarmName`).
 */
export class BadEventError extends GantryError {
  constructor(message: string, field?: string) {
    super("BadEvent", message, field);
  }
}

/** Validates an event; the first problem becomes a BadEventError naming the field and the event kind. */
export function parseEvent<S extends z.ZodType>(schema: S, event: unknown, kind: string): z.output<S> {
  const result = schema.safeParse(event);
  if (result.success) return result.data;
  const problems = listProblems(schema, event);
  const first = problems[0] ?? { field: "", message: "invalid event" };
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  const where = first.field ? "" : "event: ";
  throw new BadEventError(`Bad ${kind} event: ${where}${first.message}${more}`, first.field || undefined);
}

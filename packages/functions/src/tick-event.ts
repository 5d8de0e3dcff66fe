import * as z from "zod";
import { parseEvent } from "./bad-event-error.ts";

/**
 * What invokes `tick`: an EventBridge "Scheduled Event" or an EventBridge Scheduler payload, which may be `{}`.
 * Nothing in it steers the tick, so it is checked loosely: an object, with the usual envelope fields typed
 * when present (they are logged).
 */
export const TickEventSchema = z.looseObject({
  id: z.string().optional(),
  "detail-type": z.string().optional(),
  time: z.string().optional(),
});

export type TickEvent = z.output<typeof TickEventSchema>;

export function parseTickEvent(event: unknown): TickEvent {
  return parseEvent(TickEventSchema, event, "tick");
}

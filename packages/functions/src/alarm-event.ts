import { alarmNameStage, MANAGED_ALARM_PREFIX } from "@gantry/runtime";
import * as z from "zod";
import { parseEvent } from "./bad-event-error.ts";

const AlarmStateSchema = z.looseObject({
  value: z.enum(["ALARM", "OK", "INSUFFICIENT_DATA"]),
  reason: z.string().optional(),
  timestamp: z.string().optional(),
});

/**
 * EventBridge's "CloudWatch Alarm State Change" event, as AWS documents it. Only the fields Gantry reads are
 * checked; the rest (configuration, reasonData, alarmTags, …) is allowed through, so new AWS fields do not
 * break the handler.
 */
export const AlarmEventSchema = z.looseObject({
  id: z.string().min(1).max(256),
  source: z.literal("aws.cloudwatch"),
  "detail-type": z.literal("CloudWatch Alarm State Change"),
  time: z.iso.datetime({ offset: true }),
  detail: z.looseObject({
    alarmName: z.string().min(1),
    state: AlarmStateSchema,
    previousState: AlarmStateSchema,
  }),
});

export type AlarmEvent = z.output<typeof AlarmEventSchema>;

/** Throws BadEventError naming the first bad field. */
export function parseAlarmEvent(event: unknown): AlarmEvent {
  return parseEvent(AlarmEventSchema, event, "CloudWatch Alarm State Change");
}

/**
 * Why a well-formed event needs no reconcile, or undefined when it does. `stage` is this deployment's
 * (GANTRY_STAGE): an alarm of another stage sharing the account is not this deployment's to act on.
 */
export function reasonToIgnore(event: AlarmEvent, stage?: string): string | undefined {
  const { alarmName, state } = event.detail;
  if (!alarmName.startsWith(MANAGED_ALARM_PREFIX)) return `alarm ${alarmName} is not a Gantry alarm`;
  const otherStage = reasonForOtherStage(alarmName, stage);
  if (otherStage) return otherStage;
  if (state.value !== "ALARM") return `alarm ${alarmName} went to ${state.value}, not ALARM`;
  return undefined;
}

function reasonForOtherStage(alarmName: string, stage: string | undefined): string | undefined {
  const owner = alarmNameStage(alarmName);
  if (owner === undefined) return undefined; // not in Gantry's form: an orphan, reported as such
  if (owner.stage === stage) return undefined;
  const mine = stage === undefined ? "this deployment has no stage" : `this is stage ${stage}`;
  const theirs = owner.stage === undefined ? "no stage" : `stage ${owner.stage}`;
  return `alarm ${alarmName} belongs to ${theirs}; ${mine}`;
}

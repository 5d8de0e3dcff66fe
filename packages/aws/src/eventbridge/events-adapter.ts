import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from "@aws-sdk/client-eventbridge";
import type { Activity, EventsPort } from "@gantry/core";
import { GantryError } from "@gantry/core";
import { chunk } from "../chunk.ts";
import { callAws } from "../sdk-errors.ts";

export const ACTIVITY_EVENT_SOURCE = "gantry";
export const ACTIVITY_DETAIL_TYPE = "Gantry Scaling Activity";
/** PutEvents accepts at most 10 entries per call [AWS]. */
export const PUT_EVENTS_LIMIT = 10;

export interface EventsPortOptions {
  /** Bus name or ARN; the account's default bus when absent. */
  busName?: string;
}

interface FailedEntry {
  entry: PutEventsRequestEntry;
  errorCode: string;
}

/**
 * EventsPort over EventBridge PutEvents: one event per activity. PutEvents can accept a call yet reject some
 * entries (FailedEntryCount); those are sent once more, and any still failing are reported as lost.
 */
export function createEventsPort(client: EventBridgeClient, options: EventsPortOptions = {}): EventsPort {
  return { publishActivities: (activities) => publishActivities(client, activities, options.busName) };
}

async function publishActivities(
  client: EventBridgeClient,
  activities: readonly Activity[],
  busName: string | undefined,
): Promise<void> {
  const entries = activities.map((activity) => toEntry(activity, busName));
  const failed = await putEntries(client, entries);
  if (failed.length === 0) return;
  const lost = await putEntries(
    client,
    failed.map((f) => f.entry),
  );
  if (lost.length === 0) return;
  const codes = [...new Set(lost.map((f) => f.errorCode))].join(", ");
  throw new GantryError(
    "EventsNotPublished",
    `eventbridge:PutEvents lost ${lost.length} of ${entries.length} activity events after one retry (${codes})`,
  );
}

export function toEntry(activity: Activity, busName: string | undefined): PutEventsRequestEntry {
  return {
    Source: ACTIVITY_EVENT_SOURCE,
    DetailType: ACTIVITY_DETAIL_TYPE,
    Detail: JSON.stringify(activity),
    Resources: [],
    ...(busName === undefined ? {} : { EventBusName: busName }),
  };
}

/** Send entries 10 per call; return those EventBridge rejected (results line up with entries by index). */
async function putEntries(
  client: EventBridgeClient,
  entries: PutEventsRequestEntry[],
): Promise<FailedEntry[]> {
  const failed: FailedEntry[] = [];
  for (const batch of chunk(entries, PUT_EVENTS_LIMIT)) {
    const response = await callAws({ action: "eventbridge:PutEvents" }, () =>
      client.send(new PutEventsCommand({ Entries: batch })),
    );
    if (!response.FailedEntryCount) continue;
    batch.forEach((entry, index) => {
      const result = response.Entries?.[index];
      if (result?.EventId === undefined || result.ErrorCode !== undefined) {
        failed.push({ entry, errorCode: result?.ErrorCode ?? "Unknown" });
      }
    });
  }
  return failed;
}

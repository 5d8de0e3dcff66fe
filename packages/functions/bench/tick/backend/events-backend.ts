// EventBridge PutEvents: accepts every entry (at most 10 a call, as AWS), counts them; the events go nowhere.
import { PUT_EVENTS_LIMIT } from "@gantry/aws";
import { AwsError, type ServiceHandler } from "./aws-error.ts";
import type { Usage } from "./usage.ts";

export function eventsBackend(usage: Usage): ServiceHandler {
  let sequence = 0;
  return (operation, input) => {
    if (operation !== "PutEvents") {
      throw new AwsError("UnknownOperationException", `the bench does not emulate events:${operation}`);
    }
    const entries = (input.Entries as unknown[] | undefined) ?? [];
    if (entries.length > PUT_EVENTS_LIMIT) {
      throw new AwsError(
        "ValidationException",
        `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${PUT_EVENTS_LIMIT}`,
      );
    }
    usage.putEventsEntries += entries.length;
    return { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: `bench-${++sequence}` })) };
  };
}

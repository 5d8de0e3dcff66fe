import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandInput,
  type PutEventsResultEntry,
} from "@aws-sdk/client-eventbridge";
import type { Activity } from "@gantry/core";
import { GantryError, ThrottledError } from "@gantry/core";
import { sdkError, TEST_CLIENT_CONFIG } from "@gantry/testing/sdk-mock";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { createEventsPort } from "./events-adapter.ts";

const eventsMock = mockClient(EventBridgeClient);
const client = new EventBridgeClient(TEST_CLIENT_CONFIG);
const port = createEventsPort(client);

function activity(n: number): Activity {
  return {
    targetId: "service/blue/web",
    activityId: `2026-01-01T12:00:00.000Z#${String(n).padStart(4, "0")}`,
    startTime: Date.UTC(2026, 0, 1, 12),
    status: "Successful",
    statusMessage: "scaled out",
    action: "ScaleOut",
    fromCapacity: 2,
    toCapacity: 4,
    reasons: [],
    dryRun: false,
    cause: "schedule",
  };
}

/** Accepts every entry whose activity number is not in `reject`. */
function acceptExcept(reject: ReadonlySet<string>) {
  return (input: PutEventsCommandInput) => {
    const results: PutEventsResultEntry[] = (input.Entries ?? []).map((entry, i) => {
      const id = (JSON.parse(entry.Detail ?? "{}") as Activity).activityId;
      return reject.has(id)
        ? { ErrorCode: "InternalFailure", ErrorMessage: "try again" }
        : { EventId: `e${i}` };
    });
    return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
  };
}

beforeEach(() => eventsMock.reset());

describe("publishActivities", () => {
  it("sends 25 activities in 3 calls of at most 10, one entry each", async () => {
    eventsMock.on(PutEventsCommand).callsFake(acceptExcept(new Set()));
    const activities = Array.from({ length: 25 }, (_, i) => activity(i));
    await port.publishActivities(activities);

    const batches = eventsMock.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries ?? []);
    expect(batches.map((entries) => entries.length)).toEqual([10, 10, 5]);
    expect(batches[0]?.[0]).toEqual({
      Source: "gantry",
      DetailType: "Gantry Scaling Activity",
      Detail: JSON.stringify(activities[0]),
      Resources: [],
    });
  });

  it("puts events on the configured bus", async () => {
    eventsMock.on(PutEventsCommand).callsFake(acceptExcept(new Set()));
    await createEventsPort(client, { busName: "ops" }).publishActivities([activity(1)]);
    expect(eventsMock.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0]).toMatchObject({
      EventBusName: "ops",
    });
  });

  it("retries only the failed entries once and succeeds", async () => {
    eventsMock
      .on(PutEventsCommand)
      .callsFakeOnce(acceptExcept(new Set([activity(3).activityId])))
      .callsFake(acceptExcept(new Set()));
    await port.publishActivities([activity(1), activity(2), activity(3)]);
    expect(eventsMock).toHaveReceivedCommandTimes(PutEventsCommand, 2);
    const retried = eventsMock.commandCalls(PutEventsCommand)[1]?.args[0].input.Entries ?? [];
    expect(retried.map((entry) => JSON.parse(entry.Detail ?? "{}").activityId)).toEqual([
      activity(3).activityId,
    ]);
  });

  it("throws a GantryError naming how many were lost when the retry fails too", async () => {
    const lost = new Set([activity(1).activityId, activity(12).activityId]);
    eventsMock.on(PutEventsCommand).callsFake(acceptExcept(lost));
    const error = await port
      .publishActivities(Array.from({ length: 15 }, (_, i) => activity(i)))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GantryError);
    expect(error).toMatchObject({
      code: "EventsNotPublished",
      message: expect.stringContaining("lost 2 of 15"),
    });
    // 2 batches, then one retry call holding the 2 failed entries.
    expect(eventsMock).toHaveReceivedCommandTimes(PutEventsCommand, 3);
  });

  it("makes no call for no activities", async () => {
    await port.publishActivities([]);
    expect(eventsMock).not.toHaveReceivedAnyCommand();
  });

  it("maps a throttled call to ThrottledError", async () => {
    eventsMock.on(PutEventsCommand).rejects(sdkError("ThrottlingException"));
    await expect(port.publishActivities([activity(1)])).rejects.toBeInstanceOf(ThrottledError);
  });
});

import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { type Activity, ValidationError } from "@gantry/core";
import { sampleActivity } from "@gantry/testing";
import { type DynaliteTestServer, startDynaliteTestServer } from "@gantry/testing/dynalite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIVITY_RETENTION_SECONDS } from "./activity-items.ts";
import { createDynamoStateStore, type DynamoStateStore } from "./dynamo-state-store.ts";
import { activityKey } from "./table-keys.ts";

let server: DynaliteTestServer;
let store: DynamoStateStore;
const start = Date.UTC(2026, 10, 22, 12);

beforeAll(async () => {
  server = await startDynaliteTestServer();
  store = createDynamoStateStore({ client: server.client, tableName: server.tableName });
});
afterAll(() => server?.close());

async function writeActivities(targetId: string, count: number): Promise<Activity[]> {
  // Written out of order: the sort key, not the write order, decides the listing order.
  const activities = Array.from({ length: count }, (_, i) =>
    sampleActivity(targetId, start + ((i * 7) % count) * 60_000),
  );
  for (const activity of activities) await store.putActivity(activity);
  return activities.sort((a, b) => b.startTime - a.startTime);
}

async function listAll(targetId: string, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await store.listActivities(targetId, { limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((a) => a.activityId));
    cursor = page.cursor;
    pages++;
  } while (cursor);
  return { ids, pages };
}

describe("activities", () => {
  it("expires 6 weeks after the start time", async () => {
    const activity = sampleActivity("service/act/ttl", start);
    await store.putActivity(activity);
    const key = activityKey(activity.targetId, activity.activityId);
    const { Item } = await server.client.send(new GetCommand({ TableName: server.tableName, Key: key }));
    expect(Item?.expiresAt).toBe(start / 1000 + 42 * 24 * 3600);
    expect(ACTIVITY_RETENTION_SECONDS).toBe(3_628_800);
  });

  it("lists newest first, round-tripping every field", async () => {
    const written = await writeActivities("service/act/order", 5);
    const page = await store.listActivities("service/act/order");
    expect(page.items).toEqual(written);
    expect(page.cursor).toBeUndefined();
  });

  it("pages with limit and cursor, returning each activity once and in order", async () => {
    const written = await writeActivities("service/act/paging", 23);
    for (const limit of [1, 5, 10, 23, 50]) {
      const { ids, pages } = await listAll("service/act/paging", limit);
      expect(ids).toEqual(written.map((a) => a.activityId));
      expect(pages).toBe(Math.max(1, Math.ceil(23 / limit)));
    }
  });

  it("keeps targets' activities apart", async () => {
    await writeActivities("service/act/one", 2);
    await writeActivities("service/act/one-more", 3);
    expect((await store.listActivities("service/act/one")).items).toHaveLength(2);
    expect((await store.listActivities("service/act/none")).items).toEqual([]);
  });

  it("updates the status in place when an activityId is written again", async () => {
    const pending = sampleActivity("service/act/status", start, "Pending");
    await store.putActivity(pending);
    await store.putActivity({ ...pending, status: "Successful", endTime: start + 30_000 });
    const { items } = await store.listActivities("service/act/status");
    expect(items).toEqual([{ ...pending, status: "Successful", endTime: start + 30_000 }]);
  });

  it("rejects a malformed cursor, another target's cursor and a bad limit", async () => {
    await writeActivities("service/act/cursor", 3);
    const { cursor } = await store.listActivities("service/act/cursor", { limit: 1 });
    expect(cursor).toBeDefined();
    for (const bad of ["!!!", "bm90IGpzb24", Buffer.from("[1]").toString("base64url"), ""]) {
      await expect(store.listActivities("service/act/cursor", { cursor: bad })).rejects.toMatchObject({
        code: "ValidationError",
        field: "cursor",
      });
    }
    await expect(store.listActivities("service/act/other", { cursor })).rejects.toMatchObject({
      field: "cursor",
    });
    await expect(store.listActivities("service/act/cursor", { limit: 0 })).rejects.toThrow(ValidationError);
  });
});

import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { CAPACITY_STATE_VERSION, type CapacityRecord, ConflictError, ValidationError } from "@gantry/core";
import { sampleActivity, sampleConfig } from "@gantry/testing";
import { type DynaliteTestServer, startDynaliteTestServer } from "@gantry/testing/dynalite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDynamoCapacityStore } from "./capacity-store.ts";
import { createDynamoStateStore } from "./dynamo-state-store.ts";
import { capacityKey } from "./table-keys.ts";

let server: DynaliteTestServer;
let store: ReturnType<typeof createDynamoCapacityStore>;
let serial = 0;
const freshName = () => `asg-${++serial}`;
const clock = 1_800_000_000_000;

function sampleRecord(lastScaleOutAt = clock, drained: string[] = []): CapacityRecord {
  return {
    state: {
      version: CAPACITY_STATE_VERSION,
      lastScaleOutAt,
      unneededSince: { "i-0a": clock - 60_000 },
      protectedByGantry: ["i-0b"],
    },
    drainedByGantry: drained,
  };
}

async function rawItem(name: string) {
  const result = await DynamoDBDocumentClient.from(server.client).send(
    new GetCommand({ TableName: server.tableName, Key: capacityKey(name), ConsistentRead: true }),
  );
  return result.Item;
}

beforeAll(async () => {
  server = await startDynaliteTestServer("gantry-capacity-test");
  store = createDynamoCapacityStore({
    client: server.client,
    tableName: server.tableName,
    clock: () => clock,
  });
});
afterAll(() => server?.close());

describe("DynamoDB capacity store", () => {
  it("round-trips a record in the CAPACITY partition, one version per write", async () => {
    const name = freshName();
    expect(await store.get(name)).toBeUndefined();
    expect(await store.put(name, sampleRecord(), 0)).toBe(1);
    expect(await store.get(name)).toEqual({ ...sampleRecord(), version: 1 });
    expect(await store.put(name, sampleRecord(clock + 1, ["i-0c"]), 1)).toBe(2);
    expect(await store.get(name)).toEqual({ ...sampleRecord(clock + 1, ["i-0c"]), version: 2 });
    expect(await rawItem(name)).toMatchObject({ pk: "CAPACITY", sk: name, version: 2, updatedAt: clock });
  });

  it("round-trips a pending change of unknown outcome, and drops it when a later write has none", async () => {
    const name = freshName();
    const activity = sampleActivity(`capacity/${name}`, clock);
    const pending = { activity: { ...activity, status: "InProgress" as const }, groupDesired: 4 };
    await store.put(name, { ...sampleRecord(), pending }, 0);
    expect((await store.get(name))?.pending).toEqual(pending);
    await store.put(name, sampleRecord(), 1);
    expect((await store.get(name))?.pending).toBeUndefined();
  });

  it("keeps optional fields absent", async () => {
    const name = freshName();
    const bare: CapacityRecord = {
      state: { version: CAPACITY_STATE_VERSION, unneededSince: {} },
      drainedByGantry: [],
    };
    await store.put(name, bare, 0);
    expect(await store.get(name)).toEqual({ ...bare, version: 1 });
  });

  it("refuses a stale write with ConflictError and leaves the item unchanged", async () => {
    const name = freshName();
    await store.put(name, sampleRecord(1), 0);
    await store.put(name, sampleRecord(2), 1);
    await expect(store.put(name, sampleRecord(3), 1)).rejects.toThrow(ConflictError);
    await expect(store.put(name, sampleRecord(3), 1)).rejects.toThrow(
      /capacity asg-\d+ changed since version 1/,
    );
    await expect(store.put(name, sampleRecord(3), 0)).rejects.toThrow(/capacity asg-\d+ already exists/);
    await expect(store.put(name, sampleRecord(3), 7)).rejects.toThrow(ConflictError);
    expect(await store.get(name)).toEqual({ ...sampleRecord(2), version: 2 });
  });

  it("lets only one of two concurrent writers win", async () => {
    const name = freshName();
    await store.put(name, sampleRecord(1), 0);
    const other = createDynamoCapacityStore({ client: server.client, tableName: server.tableName });
    const results = await Promise.allSettled([
      store.put(name, sampleRecord(10), 1),
      other.put(name, sampleRecord(20), 1),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    const stored = await store.get(name);
    expect(stored?.version).toBe(2);
    expect([10, 20]).toContain(stored?.state.lastScaleOutAt);
  });

  it("lets only one of two concurrent creators win", async () => {
    const name = freshName();
    const other = createDynamoCapacityStore({ client: server.client, tableName: server.tableName });
    const results = await Promise.allSettled([
      store.put(name, sampleRecord(10), 0),
      other.put(name, sampleRecord(20), 0),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await store.get(name))?.version).toBe(1);
  });

  it("reads a record that fails validation as absent, and lets the store that saw it replace it", async () => {
    const name = freshName();
    const corrupt = { pk: "CAPACITY", sk: name, version: 4, record: { state: { version: 99 } } };
    await DynamoDBDocumentClient.from(server.client).send(
      new PutCommand({ TableName: server.tableName, Item: corrupt }),
    );
    const other = createDynamoCapacityStore({ client: server.client, tableName: server.tableName });
    expect(await store.get(name)).toBeUndefined();
    expect(await other.get(name)).toBeUndefined();
    // Both saw it corrupt at version 4: both create, one wins, and the version keeps counting.
    const results = await Promise.allSettled([
      store.put(name, sampleRecord(1), 0),
      other.put(name, sampleRecord(2), 0),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await store.get(name))?.version).toBe(5);
    // A store that never saw it corrupt cannot blindly overwrite an item.
    const third = createDynamoCapacityStore({ client: server.client, tableName: server.tableName });
    await expect(third.put(name, sampleRecord(3), 0)).rejects.toThrow(ConflictError);
  });

  it("validates the record and the expected version before writing", async () => {
    const name = freshName();
    const bad = { ...sampleRecord(), drainedByGantry: [1] } as unknown as CapacityRecord;
    await expect(store.put(name, bad, 0)).rejects.toThrow(ValidationError);
    await expect(store.put(name, sampleRecord(), -1)).rejects.toThrow(ValidationError);
    expect(await rawItem(name)).toBeUndefined();
  });

  it("shares the table with the targets without showing up among them", async () => {
    const name = freshName();
    await store.put(name, sampleRecord(), 0);
    const targets = createDynamoStateStore({ client: server.client, tableName: server.tableName });
    await targets.putConfig(sampleConfig("service/test/svc"), 0);
    const listing = await targets.listTargets();
    expect(listing.records.map((r) => r.config.target.id)).toEqual(["service/test/svc"]);
    expect(listing.problems).toEqual([]);
    const partition = await DynamoDBDocumentClient.from(server.client).send(
      new QueryCommand({
        TableName: server.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": "CAPACITY" },
      }),
    );
    expect(partition.Items?.map((i) => i.sk)).toContain(name);
  });
});

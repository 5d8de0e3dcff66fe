import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { ConflictError } from "@gantry/core";
import { sampleConfig, sampleState } from "@gantry/testing";
import { type DynaliteTestServer, startDynaliteTestServer } from "@gantry/testing/dynalite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDynamoStateStore, type DynamoStateStore } from "./dynamo-state-store.ts";
import { legacyTargetKey, shardOf, TARGET_SHARDS, targetKey } from "./table-keys.ts";

let server: DynaliteTestServer;
let store: DynamoStateStore;
let clock = 1_800_000_000_000;

beforeAll(async () => {
  server = await startDynaliteTestServer();
  store = createDynamoStateStore({ client: server.client, tableName: server.tableName, clock: () => clock });
});
afterAll(() => server?.close());

/** A store as another container would have it: nothing remembered about where items are. */
const freshStore = () =>
  createDynamoStateStore({ client: server.client, tableName: server.tableName, clock: () => clock });

function putRaw(item: Record<string, unknown>) {
  return server.client.send(new PutCommand({ TableName: server.tableName, Item: item }));
}

async function rawAt(key: { pk: string; sk: string }) {
  const result = await server.client.send(new GetCommand({ TableName: server.tableName, Key: key }));
  return result.Item;
}

/** An item as a Gantry before the shards wrote it. */
async function legacyItem(id: string, extra: Record<string, unknown> = {}) {
  await putRaw({ ...legacyTargetKey(id), config: sampleConfig(id), version: 2, updatedAt: 1_000, ...extra });
}

describe("target shards", () => {
  it("spreads target items over the shard partitions and lists them in id order", async () => {
    const ids = Array.from({ length: 48 }, (_, i) => `service/spread/svc-${String(i).padStart(2, "0")}`);
    for (const id of ids) await store.putConfig(sampleConfig(id), 0);
    const scan = await server.client.send(new ScanCommand({ TableName: server.tableName }));
    const partitions = new Set(
      (scan.Items ?? []).filter((i) => String(i.sk).startsWith("TARGET#service/spread/")).map((i) => i.pk),
    );
    expect(partitions.size).toBeGreaterThanOrEqual(TARGET_SHARDS - 4);
    expect([...partitions].every((pk) => /^TARGETS#\d+$/.test(String(pk)))).toBe(true);
    const listed = (await freshStore().listTargets()).records.map((r) => r.config.target.id);
    expect(listed.filter((id) => id.startsWith("service/spread/"))).toEqual(ids);
    expect(shardOf("service/spread/svc-00")).toBe(shardOf("service/spread/svc-00"));
  });

  it("reads an item written before the shards, and moves it to its shard on its next write", async () => {
    const id = "service/legacy/moved";
    await legacyItem(id);
    const reader = freshStore();
    expect((await reader.listTargets()).records.find((r) => r.config.target.id === id)).toMatchObject({
      version: 2,
      stateVersion: 0,
    });
    clock += 1;
    expect(await reader.putState(id, sampleState(clock), { version: 2, stateVersion: 0 })).toBe(1);
    expect(await rawAt(legacyTargetKey(id))).toBeUndefined();
    expect(await rawAt(targetKey(id))).toMatchObject({ version: 2, stateVersion: 1 });
    expect(await freshStore().getTarget(id)).toMatchObject({ version: 2, stateVersion: 1 });
  });

  it("moves it too when the writer never read it, and refuses to create a second item beside it", async () => {
    const id = "service/legacy/unread";
    await legacyItem(id);
    await expect(freshStore().putConfig(sampleConfig(id), 0)).rejects.toThrow(ConflictError);
    expect(await rawAt(legacyTargetKey(id))).toBeUndefined();
    expect(await freshStore().putConfig(sampleConfig(id, 9), 2)).toBe(3);
    const listed = (await freshStore().listTargets()).records.filter((r) => r.config.target.id === id);
    expect(listed).toHaveLength(1);
    expect(listed[0]?.config.target.maxCapacity).toBe(9);
  });

  it("continues a legacy tombstone's version count when the target is created again", async () => {
    const id = "service/legacy/deleted";
    await putRaw({ ...legacyTargetKey(id), version: 5, deletedAt: 900, updatedAt: 900 });
    expect(await freshStore().putConfig(sampleConfig(id), 0)).toBe(6);
  });

  it("takes the shard's copy when a move was cut between copy and delete, and finishes the move", async () => {
    const id = "service/legacy/half";
    await legacyItem(id);
    await putRaw({ ...targetKey(id), config: sampleConfig(id, 7), version: 3, updatedAt: 2_000 });
    const reader = freshStore();
    const listed = (await reader.listTargets()).records.filter((r) => r.config.target.id === id);
    expect(listed.map((r) => [r.version, r.config.target.maxCapacity])).toEqual([[3, 7]]);
    await reader.putConfig(sampleConfig(id, 8), 3);
    expect(await rawAt(legacyTargetKey(id))).toBeUndefined();
    expect(await rawAt(targetKey(id))).toMatchObject({ version: 4 });
  });

  it("parses a config once per write of its item", async () => {
    const id = "service/cache/web";
    await store.putConfig(sampleConfig(id), 0);
    const first = (await store.listTargets()).records.find((r) => r.config.target.id === id);
    const again = await store.getTarget(id);
    expect(again?.config).toBe(first?.config);
    await store.putConfig(sampleConfig(id, 12), 1);
    const edited = await store.getTarget(id);
    expect(edited?.config).not.toBe(first?.config);
    expect(edited?.config.target.maxCapacity).toBe(12);
  });
});

describe("a listing", () => {
  it("reads in full only the items whose write this store has not parsed", async () => {
    const client = new DynamoDBClient({
      endpoint: server.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "fake", secretAccessKey: "fake" },
      maxAttempts: 1,
    });
    const fullReads: number[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { RequestItems?: Record<string, { Keys: unknown[] }> };
        if (context.commandName === "BatchGetItemCommand") {
          fullReads.push(input.RequestItems?.[server.tableName]?.Keys.length ?? 0);
        }
        return next(args);
      },
      { step: "initialize" },
    );
    const lister = createDynamoStateStore({ client, tableName: server.tableName, clock: () => clock });
    const ids = ["a", "b", "c"].map((name) => `service/listing/${name}`);
    for (const id of ids) await store.putConfig(sampleConfig(id), 0);
    const mine = (listing: Awaited<ReturnType<typeof lister.listTargets>>) =>
      listing.records.filter((r) => r.config.target.id.startsWith("service/listing/"));
    const total = () => fullReads.reduce((sum, n) => sum + n, 0);

    expect(mine(await lister.listTargets())).toHaveLength(3);
    const first = total();
    expect(first).toBeGreaterThanOrEqual(3);
    expect(mine(await lister.listTargets())).toHaveLength(3);
    expect(total()).toBe(first);
    clock += 1;
    await store.putState(ids[1] as string, sampleState(clock), { version: 1, stateVersion: 0 });
    const listed = mine(await lister.listTargets());
    expect(total()).toBe(first + 1);
    expect(listed.find((r) => r.config.target.id === ids[1])).toMatchObject({ stateVersion: 1 });
    client.destroy();
  });
});

describe("the pass cursor", () => {
  it("is absent until written, and holds the last start written", async () => {
    expect(await store.readPassCursor()).toBeUndefined();
    await store.writePassCursor("service/a/b");
    expect(await freshStore().readPassCursor()).toBe("service/a/b");
    await store.writePassCursor(undefined);
    expect(await store.readPassCursor()).toBeUndefined();
  });
});

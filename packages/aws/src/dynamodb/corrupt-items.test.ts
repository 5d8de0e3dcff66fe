import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { GantryError } from "@gantry/core";
import { sampleActivity, sampleConfig, sampleState } from "@gantry/testing";
import { type DynaliteTestServer, startDynaliteTestServer } from "@gantry/testing/dynalite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CorruptItemError } from "./corrupt-item-error.ts";
import { createDynamoStateStore, type DynamoStateStore } from "./dynamo-state-store.ts";
import { activityKey, targetKey } from "./table-keys.ts";

let server: DynaliteTestServer;
let store: DynamoStateStore;

beforeAll(async () => {
  server = await startDynaliteTestServer();
  store = createDynamoStateStore({ client: server.client, tableName: server.tableName });
});
afterAll(() => server?.close());

function putRaw(item: Record<string, unknown>) {
  return server.client.send(new PutCommand({ TableName: server.tableName, Item: item }));
}

describe("corrupt items", () => {
  it("reports a broken config as CorruptItem naming the target, and lists the good targets", async () => {
    await store.putConfig(sampleConfig("service/c/good-1"), 0);
    await store.putConfig(sampleConfig("service/c/good-2"), 0);
    const broken = { ...sampleConfig("service/c/bad"), policies: [{ name: "x", type: "Nope" }] };
    await putRaw({ ...targetKey("service/c/bad"), config: broken, version: 3, updatedAt: 1 });
    await putRaw({
      ...targetKey("service/c/no-version"),
      config: sampleConfig("service/c/no-version"),
      updatedAt: 1,
    });

    const error = await store.getTarget("service/c/bad").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GantryError);
    expect(error).toMatchObject({ code: "CorruptItem", targetId: "service/c/bad" });
    expect((error as Error).message).toMatch(/service\/c\/bad.*config\.policies/);

    const { records, problems } = await store.listTargets();
    expect(records.map((r) => r.config.target.id)).toEqual(["service/c/good-1", "service/c/good-2"]);
    expect(problems.map((p) => p.targetId)).toEqual(["service/c/bad", "service/c/no-version"]);
    expect(problems[0]?.message).toMatch(/config\.policies/);
    expect(problems[1]?.message).toMatch(/version is undefined/);
  });

  it("returns any target's item raw, without its keys, with its version when that is valid", async () => {
    const broken = { ...sampleConfig("service/raw/bad"), extra: { newer: true } };
    await putRaw({ ...targetKey("service/raw/bad"), config: broken, version: 7, updatedAt: 5 });
    await putRaw({ ...targetKey("service/raw/nover"), config: broken, version: "x", tags: new Set(["a"]) });
    await store.putConfig(sampleConfig("service/raw/good"), 0);

    expect(await store.getRawTarget("service/raw/bad")).toEqual({
      targetId: "service/raw/bad",
      version: 7,
      item: { config: broken, version: 7, updatedAt: 5 },
    });
    expect(await store.getRawTarget("service/raw/nover")).toEqual({
      targetId: "service/raw/nover",
      version: null,
      item: { config: broken, version: "x", tags: ["a"] },
    });
    const good = await store.getRawTarget("service/raw/good");
    expect(good).toMatchObject({
      version: 1,
      item: { config: sampleConfig("service/raw/good"), version: 1 },
    });
    expect(good?.item).not.toHaveProperty("pk");
    expect(await store.getRawTarget("service/raw/none")).toBeUndefined();
    await store.deleteTarget("service/raw/good", 1);
    expect(await store.getRawTarget("service/raw/good")).toBeUndefined();
  });

  it("replaces a corrupt item's config against its stored version, or without one, and deletes it", async () => {
    const broken = { ...sampleConfig("service/fix/a"), policies: [{ name: "x", type: "Nope" }] };
    await putRaw({ ...targetKey("service/fix/a"), config: broken, version: 4, updatedAt: 1 });
    await putRaw({ ...targetKey("service/fix/b"), config: broken, version: 2, updatedAt: 1 });
    await putRaw({ ...targetKey("service/fix/c"), config: broken, version: 9, updatedAt: 1 });

    await expect(store.putConfig(sampleConfig("service/fix/a"), 3)).rejects.toThrow(/changed since/);
    expect(await store.putConfig(sampleConfig("service/fix/a"), 4)).toBe(5);
    expect(await store.putConfig(sampleConfig("service/fix/b"), undefined)).toBe(3);
    await store.deleteTarget("service/fix/c", 9);

    expect(await store.getTarget("service/fix/a")).toMatchObject({ version: 5 });
    expect(await store.getTarget("service/fix/b")).toMatchObject({ version: 3 });
    expect(await store.getTarget("service/fix/c")).toBeUndefined();
    const { problems } = await store.listTargets();
    expect(problems.filter((p) => p.targetId.startsWith("service/fix/"))).toEqual([]);
  });

  it("rejects a config stored under another target's key", async () => {
    await putRaw({
      ...targetKey("service/c/here"),
      config: sampleConfig("service/c/there"),
      version: 1,
      updatedAt: 1,
    });
    await expect(store.getTarget("service/c/here")).rejects.toThrow(/names target service\/c\/there/);
  });

  it("reads an invalid stored state as absent", async () => {
    const state = { ...sampleState(1), version: 99 };
    await putRaw({
      ...targetKey("service/c/state"),
      config: sampleConfig("service/c/state"),
      state,
      version: 4,
      updatedAt: 1,
    });
    expect(await store.getTarget("service/c/state")).toMatchObject({
      version: 4,
      stateVersion: 0,
      state: undefined,
    });
    expect(await store.putState("service/c/state", sampleState(2), { version: 4, stateVersion: 0 })).toBe(1);
  });

  it("reports a broken activity as CorruptItem", async () => {
    const activity = sampleActivity("service/c/acts", 1_800_000_000_000);
    await putRaw({
      ...activityKey(activity.targetId, activity.activityId),
      activity: { ...activity, status: "Weird" },
    });
    await expect(store.listActivities(activity.targetId)).rejects.toThrow(CorruptItemError);
  });
});

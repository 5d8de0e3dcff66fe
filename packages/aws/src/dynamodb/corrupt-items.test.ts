import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { GantryError } from "@gantry/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CorruptItemError } from "./corrupt-item-error.ts";
import { type DynaliteTestServer, startDynaliteTestServer } from "./dynalite-test-server.ts";
import { createDynamoStateStore, type DynamoStateStore } from "./dynamo-state-store.ts";
import { sampleActivity, sampleConfig, sampleState } from "./store-fixtures.ts";
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

    expect((await store.listTargets()).map((r) => r.config.target.id)).toEqual([
      "service/c/good-1",
      "service/c/good-2",
    ]);
    const { corrupt } = await store.listTargetsWithProblems();
    expect(corrupt.map((c) => c.targetId)).toEqual(["service/c/bad", "service/c/no-version"]);
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

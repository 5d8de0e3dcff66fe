import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { ConflictError, ValidationError } from "@gantry/core";
import { sampleConfig, sampleState } from "@gantry/testing";
import { type DynaliteTestServer, startDynaliteTestServer } from "@gantry/testing/dynalite";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDynamoStateStore, type DynamoStateStore } from "./dynamo-state-store.ts";
import { targetKey } from "./table-keys.ts";

let server: DynaliteTestServer;
let store: DynamoStateStore;
let clock = 1_800_000_000_000;
let serial = 0;
const freshId = () => `service/test/svc-${++serial}`;

beforeAll(async () => {
  server = await startDynaliteTestServer();
  store = createDynamoStateStore({ client: server.client, tableName: server.tableName, clock: () => clock });
});
afterAll(() => server?.close());

describe("configs", () => {
  it("creates, reads, replaces and lists a target, config and state versions apart", async () => {
    const id = freshId();
    clock += 1000;
    expect(await store.putConfig(sampleConfig(id), 0)).toBe(1);
    expect(await store.getTarget(id)).toEqual({
      config: sampleConfig(id),
      state: undefined,
      version: 1,
      stateVersion: 0,
      updatedAt: clock,
    });
    expect(await store.putConfig(sampleConfig(id, 80), 1)).toBe(2);
    expect(await store.putState(id, sampleState(clock), { version: 2, stateVersion: 0 })).toBe(1);
    const record = await store.getTarget(id);
    expect(record).toMatchObject({ version: 2, stateVersion: 1, state: sampleState(clock) });
    expect(record?.config.target.maxCapacity).toBe(80);
    expect((await store.listTargets()).records.map((r) => r.config.target.id)).toContain(id);
  });

  it("keeps the state when the config is replaced", async () => {
    const id = freshId();
    await store.putConfig(sampleConfig(id), 0);
    await store.putState(id, sampleState(5), { version: 1, stateVersion: 0 });
    await store.putConfig(sampleConfig(id, 9), 1);
    expect(await store.getTarget(id)).toMatchObject({ version: 2, stateVersion: 1, state: sampleState(5) });
  });

  it("never lets a state write move the config's version, so an If-Match held across passes still wins", async () => {
    const id = freshId();
    await store.putConfig(sampleConfig(id), 0);
    for (let pass = 0; pass < 4; pass++) {
      await store.putState(id, sampleState(pass), { version: 1, stateVersion: pass });
    }
    expect(await store.putConfig(sampleConfig(id, 12), 1)).toBe(2);
    // The loop's next write, decided from the old config, loses and must decide again.
    await expect(store.putState(id, sampleState(9), { version: 1, stateVersion: 4 })).rejects.toThrow(
      ConflictError,
    );
    expect(await store.getTarget(id)).toMatchObject({ version: 2, stateVersion: 4, state: sampleState(3) });
  });

  it("writes without a version last-write-wins: replace a live target, create a missing one", async () => {
    const id = freshId();
    expect(await store.putConfig(sampleConfig(id, 10), undefined)).toBe(1);
    await store.putState(id, sampleState(1), { version: 1, stateVersion: 0 });
    const writes = await Promise.all(
      [11, 12, 13, 14, 15].map((max) => store.putConfig(sampleConfig(id, max), undefined)),
    );
    expect([...writes].sort()).toEqual([2, 3, 4, 5, 6]);
    const stored = await store.getTarget(id);
    expect(stored).toMatchObject({ version: 6, state: sampleState(1) });
    const last = [11, 12, 13, 14, 15][writes.indexOf(6)];
    expect(stored?.config.target.maxCapacity).toBe(last);
  });

  it("refuses to create a target that exists", async () => {
    const id = freshId();
    await store.putConfig(sampleConfig(id), 0);
    await expect(store.putConfig(sampleConfig(id, 7), 0)).rejects.toThrow(ConflictError);
    await expect(store.putConfig(sampleConfig(id, 7), 0)).rejects.toThrow(/already exists/);
    expect((await store.getTarget(id))?.config.target.maxCapacity).toBe(50);
  });

  it("validates the config and the expected version before writing", async () => {
    const bad = {
      ...sampleConfig(freshId()),
      target: { ...sampleConfig("service/a/b").target, minCapacity: -1 },
    };
    await expect(store.putConfig(bad, 0)).rejects.toMatchObject({ field: "target.minCapacity" });
    await expect(store.putConfig(sampleConfig(freshId()), -1)).rejects.toThrow(ValidationError);
  });

  it("works as well through a caller's DynamoDBDocumentClient", async () => {
    const id = freshId();
    const documents = DynamoDBDocumentClient.from(server.client);
    const viaDocuments = createDynamoStateStore({ client: documents, tableName: server.tableName });
    await viaDocuments.putConfig({ ...sampleConfig(id), behavior: undefined }, 0);
    expect((await store.getTarget(id))?.config).toEqual(sampleConfig(id));
  });

  it("returns undefined for an unknown target", async () => {
    expect(await store.getTarget("service/test/nobody")).toBeUndefined();
  });

  it("deletes conditionally and keeps counting versions when the target is re-created", async () => {
    const id = freshId();
    await store.putConfig(sampleConfig(id), 0);
    await store.putConfig(sampleConfig(id, 9), 1);
    await store.putState(id, sampleState(1), { version: 2, stateVersion: 0 });
    await expect(store.deleteTarget(id, 1)).rejects.toThrow(ConflictError);
    await store.deleteTarget(id, 2);
    expect(await store.getTarget(id)).toBeUndefined();
    expect((await store.listTargets()).records.map((r) => r.config.target.id)).not.toContain(id);
    await expect(store.deleteTarget(id, 3)).rejects.toThrow(ConflictError);
    // A writer that still holds version 2 or 3 of the deleted target must not touch the new one.
    expect(await store.putConfig(sampleConfig(id), 0)).toBe(4);
    await expect(store.putState(id, sampleState(9), { version: 2, stateVersion: 1 })).rejects.toThrow(
      ConflictError,
    );
    await expect(store.putState(id, sampleState(9), { version: 3, stateVersion: 0 })).rejects.toThrow(
      ConflictError,
    );
    expect(await store.getTarget(id)).toMatchObject({ version: 4, stateVersion: 0, state: undefined });
  });
});

interface Win {
  version: number;
  evaluatedAt: number;
}

/** One writer: its new version when it wins, undefined when it loses the conditional write. */
async function attemptState(id: string, expected: number, evaluatedAt: number): Promise<Win | undefined> {
  try {
    const versions = { version: 1, stateVersion: expected };
    return { version: await store.putState(id, sampleState(evaluatedAt), versions), evaluatedAt };
  } catch (error) {
    if (error instanceof ConflictError) return undefined;
    throw error;
  }
}

describe("conditional state writes", () => {
  it("stores the last decision beside the state, and an unreadable one reads as absent", async () => {
    const id = freshId();
    await store.putConfig(sampleConfig(id), 0);
    const decision = {
      at: 10,
      desiredCapacity: 4,
      action: "ScaleOut" as const,
      reasons: [{ code: "TargetTrackingScaleOut" as const, message: "up", policy: "cpu" }],
      observed: { desiredCount: 2, runningCount: 2, pendingCount: 0 },
      dryRun: false,
    };
    await store.putState(id, sampleState(10), { version: 1, stateVersion: 0 }, decision);
    expect((await store.getTarget(id))?.lastDecision).toEqual(decision);
    await store.putState(id, sampleState(20), { version: 1, stateVersion: 1 });
    expect((await store.getTarget(id))?.lastDecision).toEqual(decision);
    await expect(
      store.putState(
        id,
        sampleState(30),
        { version: 1, stateVersion: 2 },
        { ...decision, action: "Sideways" as never },
      ),
    ).rejects.toThrow(ValidationError);
  });

  it("rejects a stale version and leaves the item unchanged", async () => {
    const id = freshId();
    await store.putConfig(sampleConfig(id), 0);
    await store.putState(id, sampleState(10), { version: 1, stateVersion: 0 });
    const before = await server.client.send(
      new GetCommand({ TableName: server.tableName, Key: targetKey(id) }),
    );
    await expect(store.putState(id, sampleState(20), { version: 1, stateVersion: 0 })).rejects.toThrow(
      /changed since version 1/,
    );
    const after = await server.client.send(
      new GetCommand({ TableName: server.tableName, Key: targetKey(id) }),
    );
    expect(after.Item).toEqual(before.Item);
  });

  it("refuses state for a target that does not exist", async () => {
    await expect(store.putState(freshId(), sampleState(1), { version: 0, stateVersion: 0 })).rejects.toThrow(
      ConflictError,
    );
    await expect(store.putState(freshId(), sampleState(1), { version: 1, stateVersion: 0 })).rejects.toThrow(
      ConflictError,
    );
  });

  it("lets exactly one of two concurrent writers win", async () => {
    const id = freshId();
    await store.putConfig(sampleConfig(id), 0);
    const results = await Promise.allSettled([
      store.putState(id, sampleState(100), { version: 1, stateVersion: 0 }),
      store.putState(id, sampleState(200), { version: 1, stateVersion: 0 }),
    ]);
    const won = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost.map((r) => r.reason)).toEqual([expect.any(ConflictError)]);
    expect(await store.getTarget(id)).toMatchObject({
      version: 1,
      stateVersion: 1,
      state: sampleState(won[0] === 0 ? 100 : 200),
    });
  });

  it("stores the last successful write and counts successes, for any interleaving", async () => {
    // Each round, several writers race; each expects the version it read plus a small (possibly stale) skew.
    const round = fc.array(fc.integer({ min: -2, max: 1 }), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(fc.array(round, { minLength: 1, maxLength: 5 }), async (rounds) => {
        const id = freshId();
        await store.putConfig(sampleConfig(id), 0);
        const wins: Win[] = [];
        let stamp = 0;
        for (const skews of rounds) {
          const version = wins.length;
          const outcomes = await Promise.all(
            skews.map((skew) => attemptState(id, Math.max(0, version + skew), ++stamp)),
          );
          wins.push(...outcomes.filter((outcome) => outcome !== undefined));
        }
        const versions = wins.map((w) => w.version).sort((a, b) => a - b);
        expect(versions).toEqual(versions.map((_, i) => i + 1));
        const stored = await store.getTarget(id);
        expect(stored?.stateVersion).toBe(wins.length);
        expect(stored?.version).toBe(1);
        const last = wins.find((w) => w.version === wins.length);
        expect(stored?.state).toEqual(last ? sampleState(last.evaluatedAt) : undefined);
      }),
      { numRuns: 40 },
    );
  });
});

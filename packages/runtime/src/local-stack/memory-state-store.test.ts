import {
  type AlarmPort,
  ConflictError,
  type EventsPort,
  type ScalingState,
  STATE_VERSION,
  type StateStore,
} from "@gantry/core";
import { configOf } from "@gantry/testing/sim-fixture";
import { describe, expect, it } from "vitest";
import { MemoryStateStore } from "./memory-state-store.ts";
import { RecordingAlarmPort } from "./recording-alarm-port.ts";
import { RecordingEventsPort } from "./recording-events-port.ts";

const config = configOf({ target: { id: "service/c/a", minCapacity: 0, maxCapacity: 5 } });
const state = (evaluatedAt: number): ScalingState => ({
  version: STATE_VERSION,
  evaluatedAt,
  live: {},
  stepApplied: {},
  datapointBase: {},
  recommendations: [],
  scaleEvents: [],
  eventIds: [],
});

describe("MemoryStateStore: the DynamoDB store's conditional writes", () => {
  it("creates at version 0, then every write needs the current version", async () => {
    const store = new MemoryStateStore({ now: () => 42 });
    expect(await store.putConfig(config, 0)).toBe(1);
    await expect(store.putConfig(config, 0)).rejects.toThrow(/already exists/);
    expect(await store.putState("service/c/a", state(1), { version: 1, stateVersion: 0 })).toBe(1);
    await expect(
      store.putState("service/c/a", state(2), { version: 1, stateVersion: 0 }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await store.getTarget("service/c/a"))?.state?.evaluatedAt).toBe(1);
    expect(await store.putConfig(config, 1)).toBe(2); // a state write does not move the config's version
    expect((await store.getTarget("service/c/a"))?.state?.evaluatedAt).toBe(1); // config writes keep the state
    // A state decided from the old config is stale.
    await expect(
      store.putState("service/c/a", state(3), { version: 1, stateVersion: 1 }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(store.conflicts).toBe(3);
  });

  it("writes a config without a version last-write-wins", async () => {
    const store = new MemoryStateStore();
    expect(await store.putConfig(config, undefined)).toBe(1);
    expect(await store.putConfig(config, undefined)).toBe(2);
    expect(store.conflicts).toBe(0);
  });

  it("refuses state for a missing or deleted target, and continues a deleted target's version on re-create", async () => {
    const store = new MemoryStateStore();
    await expect(
      store.putState("service/c/a", state(1), { version: 0, stateVersion: 0 }),
    ).rejects.toBeInstanceOf(ConflictError);
    await store.putConfig(config, 0);
    await store.deleteTarget("service/c/a", 1);
    expect(await store.getTarget("service/c/a")).toBeUndefined();
    expect(await store.listTargets()).toEqual({ records: [], problems: [] });
    await expect(store.putState("service/c/a", state(1), { version: 2, stateVersion: 0 })).rejects.toThrow(
      /deleted/,
    );
    expect(await store.putConfig(config, 0)).toBe(3);
    expect((await store.getTarget("service/c/a"))?.state).toBeUndefined();
  });

  it("fails next on demand, changing nothing, and records calls", async () => {
    const store = new MemoryStateStore();
    await store.putConfig(config, 0);
    store.failNext("putState", new ConflictError("injected"));
    const versions = { version: 1, stateVersion: 0 };
    await expect(store.putState("service/c/a", state(1), versions)).rejects.toThrow("injected");
    expect(await store.putState("service/c/a", state(1), versions)).toBe(1);
    expect(store.fake.count("putState")).toBe(2);
  });

  it("lists activities newest first with a cursor", async () => {
    const store = new MemoryStateStore();
    for (const minute of [1, 3, 2]) {
      await store.putActivity({
        targetId: "service/c/a",
        activityId: `2026-01-05T12:0${minute}:00.000Z#x`,
        startTime: minute,
        status: "Successful",
        statusMessage: "",
        action: "ScaleOut",
        fromCapacity: 1,
        toCapacity: 2,
        reasons: [],
        dryRun: false,
        cause: "schedule",
      });
    }
    const first = await store.listActivities("service/c/a", { limit: 2 });
    expect(first.items.map((a) => a.startTime)).toEqual([3, 2]);
    const next = await store.listActivities("service/c/a", {
      limit: 2,
      ...(first.cursor && { cursor: first.cursor }),
    });
    expect(next).toEqual({ items: [expect.objectContaining({ startTime: 1 })] });
  });

  it("holds a corrupt item planted raw: listed as a problem, CorruptItem on read, raw as stored, repairable", async () => {
    const store = new MemoryStateStore({ now: () => 42 });
    await store.putConfig(configOf({ target: { id: "service/c/ok", minCapacity: 1, maxCapacity: 2 } }), 0);
    const raw = { config: { ...config, newerField: 1 }, version: 3, updatedAt: 7 };
    store.putRawItem("service/c/a", raw);

    const listing = await store.listTargets();
    expect(listing.records.map((r) => r.config.target.id)).toEqual(["service/c/ok"]);
    expect(listing.problems).toEqual([
      { targetId: "service/c/a", message: expect.stringMatching(/service\/c\/a is corrupt: config/) },
    ]);
    await expect(store.getTarget("service/c/a")).rejects.toMatchObject({ code: "CorruptItem" });
    expect(await store.getRawTarget("service/c/a")).toEqual({
      targetId: "service/c/a",
      version: 3,
      item: raw,
    });
    expect(await store.getRawTarget("service/c/ok")).toMatchObject({ version: 1, item: { version: 1 } });

    await expect(store.putConfig(config, 2)).rejects.toBeInstanceOf(ConflictError);
    expect(await store.putConfig(config, 3)).toBe(4);
    expect(await store.getTarget("service/c/a")).toMatchObject({ config, version: 4 });
    expect((await store.listTargets()).problems).toEqual([]);
  });

  it("implements the ports (checked at compile time)", () => {
    const fakes = [
      new MemoryStateStore() satisfies StateStore,
      new RecordingEventsPort() satisfies EventsPort,
      new RecordingAlarmPort() satisfies AlarmPort,
    ];
    expect(fakes).toHaveLength(3);
  });
});

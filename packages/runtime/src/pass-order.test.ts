import type { TargetRecord } from "@gantry/core";
import { configOf } from "@gantry/testing/sim-fixture";
import { describe, expect, it } from "vitest";
import { nextStart, PassCursor, type PassCursorStore, rotate } from "./pass-order.ts";
import type { ReconcileLogger } from "./reconciler-types.ts";

function record(name: string): TargetRecord {
  const config = configOf({
    target: { id: `service/c/${name}`, minCapacity: 1, maxCapacity: 2 },
    policies: [],
  });
  return { config, state: undefined, version: 1, stateVersion: 0, updatedAt: 0 };
}

const ids = (records: readonly TargetRecord[]) => records.map((r) => r.config.target.id.slice(10));
const records = ["d", "a", "c", "b", "e"].map(record);

describe("rotate", () => {
  it("orders by id from the first id at or after the start, wrapping round", () => {
    expect(ids(rotate(records, undefined))).toEqual(["a", "b", "c", "d", "e"]);
    expect(ids(rotate(records, "service/c/c"))).toEqual(["c", "d", "e", "a", "b"]);
    // A start that is no longer a target: the next one after it.
    expect(ids(rotate(records, "service/c/bb"))).toEqual(["c", "d", "e", "a", "b"]);
    expect(ids(rotate(records, "service/c/z"))).toEqual(["a", "b", "c", "d", "e"]);
  });
});

describe("nextStart", () => {
  it("is the first target the pass skipped, in its order, else the start it had", () => {
    const order = rotate(records, "service/c/c");
    expect(nextStart(order, new Set(["service/c/a", "service/c/b"]), "service/c/c")).toBe("service/c/a");
    expect(nextStart(order, new Set(), "service/c/c")).toBe("service/c/c");
  });
});

class Store implements PassCursorStore {
  value: string | undefined;
  writes: (string | undefined)[] = [];
  failReads = false;
  async readPassCursor() {
    if (this.failReads) throw new Error("throttled");
    return this.value;
  }
  async writePassCursor(value: string | undefined) {
    this.writes.push(value);
    this.value = value;
  }
}

const warnings: string[] = [];
const log: ReconcileLogger = { info() {}, warn: (m) => warnings.push(m), error() {} };

describe("PassCursor", () => {
  it("writes only when the start moves, and falls back to its own memory when the store cannot be read", async () => {
    const store = new Store();
    const cursor = new PassCursor(store, log);
    expect(await cursor.read()).toBeUndefined();
    await cursor.write(undefined);
    await cursor.write("service/c/c");
    await cursor.write("service/c/c");
    expect(store.writes).toEqual(["service/c/c"]);
    store.failReads = true;
    expect(await cursor.read()).toBe("service/c/c");
    expect(warnings).toEqual(["reading the pass cursor failed; starting where this container last did"]);
  });

  it("keeps the start in memory without a store", async () => {
    const cursor = new PassCursor(undefined, log);
    await cursor.write("service/c/d");
    expect(await cursor.read()).toBe("service/c/d");
  });
});

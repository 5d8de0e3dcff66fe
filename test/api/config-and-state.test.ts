import "@gantry/testing/test-env";
import { ConflictError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { apiWorld, CPU_POLICY, workerConfig } from "./support/api-world.ts";

const ID = "service/prod/worker";
const BASE = "/targets/prod/worker";

/**
 * A pass of the loop as the store sees it: one state write against the versions it read. It may lose to a
 * config edit (a state decided from an old config is stale); the loop then decides again, never the user.
 */
async function loopWrites(world: ReturnType<typeof apiWorld>, evaluatedAt: number): Promise<void> {
  const record = await world.store.getTarget(ID);
  if (!record) throw new Error("no target");
  const state = { version: 1, evaluatedAt } as never;
  const expected = { version: record.version, stateVersion: record.stateVersion };
  await world.store.putState(ID, state, expected).catch((error: unknown) => {
    if (!(error instanceof ConflictError)) throw error;
  });
}

describe("config edits and the loop's state writes are apart", () => {
  it("a switch read, then written with If-Match, never gets 409 because the loop wrote in between", async () => {
    const world = apiWorld();
    await world.seed(workerConfig());
    let conflicts = 0;
    for (let click = 0; click < 20; click++) {
      const read = await world.call({ method: "GET", path: BASE });
      await loopWrites(world, click + 1);
      const written = await world.call({
        method: "PUT",
        path: `${BASE}/dry-run`,
        body: { dryRun: click % 2 === 0 },
        headers: { "if-match": read.headers.etag as string },
      });
      if (written.status === 409) conflicts++;
      expect(written.body.config.target.dryRun).toBe(click % 2 === 0);
    }
    expect(conflicts).toBe(0);
  });

  it("still answers 409 to an If-Match another config write made stale", async () => {
    const world = apiWorld();
    await world.seed(workerConfig());
    const read = await world.call({ method: "GET", path: BASE });
    await world.call({ method: "PUT", path: `${BASE}/dry-run`, body: { dryRun: true } });
    const stale = await world.call({
      method: "PUT",
      path: `${BASE}/dry-run`,
      body: { dryRun: false },
      headers: { "if-match": read.headers.etag as string },
    });
    expect(stale.status).toBe(409);
  });

  it("never refuses concurrent whole-target PUTs without If-Match: last write wins", async () => {
    const world = apiWorld();
    await world.seed(workerConfig());
    const maxima = Array.from({ length: 60 }, (_, i) => 21 + i);
    const replies = await Promise.all([
      ...maxima.map((maxCapacity) =>
        world.call({
          method: "PUT",
          path: BASE,
          body: { ...workerConfig(), target: { ...workerConfig().target, maxCapacity } },
        }),
      ),
      loopWrites(world, 1),
    ]);
    expect(replies.flatMap((r) => (r ? [r.status] : []))).toEqual(maxima.map(() => 200));
    const stored = await world.store.getTarget(ID);
    expect(stored?.version).toBe(1 + maxima.length);
    expect(maxima).toContain(stored?.config.target.maxCapacity);
  });

  it("keeps every acknowledged single-item write made concurrently without If-Match", async () => {
    const world = apiWorld();
    await world.seed(workerConfig());
    const names = Array.from({ length: 20 }, (_, i) => `cpu-${i}`);
    const replies = await Promise.all([
      ...names.map((name) =>
        world.call({ method: "PUT", path: `${BASE}/policies/${name}`, body: { ...CPU_POLICY, name } }),
      ),
      world.call({ method: "PUT", path: `${BASE}/dry-run`, body: { dryRun: true } }),
      loopWrites(world, 1),
    ]);
    expect(replies.flatMap((r) => (r ? [r.status] : [])).filter((s) => s >= 300)).toEqual([]);
    const stored = await world.store.getTarget(ID);
    expect(stored?.config.policies.map((p) => p.name).sort()).toEqual(["backlog", ...names].sort());
    expect(stored?.config.target.dryRun).toBe(true);
    expect(stored?.version).toBe(1 + names.length + 1);
  });
});

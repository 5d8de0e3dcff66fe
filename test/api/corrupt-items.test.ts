// Issue G item 5: a stored target that no longer parses is listed, answers a 409 CorruptItem, can be read raw,
// and is repaired by PUT or removed by DELETE; never a 500.
import "@gantry/testing/test-env";
import { describe, expect, it } from "vitest";
import { apiWorld, CPU_POLICY, expectErrorShape, type Reply, workerConfig } from "./support/api-world.ts";

const PATH = "/targets/prod/worker";
const ID = "service/prod/worker";
/** As a newer Gantry might have written it: a field this version's strict schema rejects. */
const NEWER_CONFIG = { ...workerConfig(), target: { ...workerConfig().target, priority: "high" } };
const CORRUPT = { config: NEWER_CONFIG, version: 4, updatedAt: 1_000 };

async function withCorruptTarget() {
  const world = apiWorld();
  await world.seed(workerConfig("prod", "api"));
  world.store.putRawItem(ID, CORRUPT);
  const replies: Reply[] = [];
  const call = async (request: Parameters<typeof world.call>[0]) => {
    const reply = await world.call(request);
    replies.push(reply);
    return reply;
  };
  return { world, call, replies };
}

describe("a corrupt target item through the API", () => {
  it("GET /targets lists it under problems, beside the readable items", async () => {
    const { call } = await withCorruptTarget();
    const reply = await call({ method: "GET", path: "/targets" });
    expect(reply.status).toBe(200);
    expect(reply.body.items.map((t: { id: string }) => t.id)).toEqual(["service/prod/api"]);
    expect(reply.body.stale).toBe(false);
    expect(reply.body.problems).toEqual([
      { id: ID, code: "CorruptItem", message: expect.stringContaining("service/prod/worker is corrupt") },
    ]);
  });

  it("GET one answers 409 CorruptItem with the error shape; a policy write on it too", async () => {
    const { call } = await withCorruptTarget();
    const reply = await call({ method: "GET", path: PATH });
    expect(reply.status).toBe(409);
    expect(expectErrorShape(reply)).toEqual({
      code: "CorruptItem",
      message: expect.stringMatching(/service\/prod\/worker is corrupt: config/),
      field: null,
    });
    const policy = await call({ method: "PUT", path: `${PATH}/policies/cpu`, body: CPU_POLICY });
    expect(policy.status).toBe(409);
    expect(expectErrorShape(policy).code).toBe("CorruptItem");
  });

  it("GET …/raw returns the stored item as is, for a corrupt target and a readable one; 404 for none", async () => {
    const { call } = await withCorruptTarget();
    const raw = await call({ method: "GET", path: `${PATH}/raw` });
    expect(raw.status).toBe(200);
    expect(raw.body).toEqual({ id: ID, version: 4, item: CORRUPT });
    const good = await call({ method: "GET", path: "/targets/prod/api/raw" });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ id: "service/prod/api", version: 1, item: { version: 1 } });
    expect(good.body.item.config.target.id).toBe("service/prod/api");
    expect((await call({ method: "GET", path: "/targets/prod/nope/raw" })).status).toBe(404);
  });

  it("PUT with If-Match on its stored version repairs it: GET then answers 200, problems is empty", async () => {
    const { call } = await withCorruptTarget();
    const stale = await call({
      method: "PUT",
      path: PATH,
      body: workerConfig(),
      headers: { "if-match": '"3"' },
    });
    expect(stale.status).toBe(409);
    expect(expectErrorShape(stale).code).toBe("Conflict");
    const put = await call({
      method: "PUT",
      path: PATH,
      body: workerConfig(),
      headers: { "if-match": '"4"' },
    });
    expect(put.status).toBe(200);
    expect(put.headers.etag).toBe('"5"');
    const get = await call({ method: "GET", path: PATH });
    expect(get.status).toBe(200);
    expect(get.body).toMatchObject({ id: ID, version: 5 });
    expect((await call({ method: "GET", path: "/targets" })).body.problems).toEqual([]);
  });

  it("PUT without If-Match replaces it too", async () => {
    const { call } = await withCorruptTarget();
    const put = await call({ method: "PUT", path: PATH, body: workerConfig() });
    expect(put.status).toBe(200);
    expect(put.headers.etag).toBe('"5"');
    expect((await call({ method: "GET", path: PATH })).status).toBe(200);
  });

  it("DELETE removes it (204), with or without If-Match", async () => {
    for (const headers of [{ "if-match": '"4"' }, undefined]) {
      const { call, world } = await withCorruptTarget();
      const deleted = await call({ method: "DELETE", path: PATH, ...(headers && { headers }) });
      expect(deleted.status).toBe(204);
      expect((await call({ method: "GET", path: PATH })).status).toBe(404);
      expect((await world.store.listTargets()).problems).toEqual([]);
    }
  });

  it("an item whose version itself is unreadable answers 409 CorruptItem to PUT and DELETE", async () => {
    const { call, world } = await withCorruptTarget();
    world.store.putRawItem(ID, { config: workerConfig(), version: "4", updatedAt: 1 });
    expect((await call({ method: "GET", path: `${PATH}/raw` })).body.version).toBeNull();
    for (const reply of [
      await call({ method: "PUT", path: PATH, body: workerConfig() }),
      await call({ method: "DELETE", path: PATH }),
    ]) {
      expect(reply.status).toBe(409);
      expect(expectErrorShape(reply)).toMatchObject({ code: "CorruptItem", message: /version is "4"/ });
    }
  });

  it("never answers 500 on any route of a corrupt target", async () => {
    const { call, replies } = await withCorruptTarget();
    for (const path of [PATH, `${PATH}/raw`, `${PATH}/activities`, "/targets", "/capacity"]) {
      await call({ method: "GET", path });
    }
    await call({ method: "POST", path: `${PATH}/suspend`, body: { dynamicScalingIn: true } });
    await call({ method: "PUT", path: `${PATH}/dry-run`, body: { dryRun: true } });
    await call({ method: "DELETE", path: `${PATH}/policies/backlog` });
    await call({ method: "POST", path: `${PATH}/desired-count`, body: { desiredCount: 2 } });
    expect(replies.map((r) => r.status).filter((status) => status >= 500)).toEqual([]);
  });
});

import "@gantry/testing/test-env";
import { ConflictError, ThrottledError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { apiWorld, expectErrorShape, START, snapshot, workerConfig } from "./support/api-world.ts";

const PATH = "/targets/prod/worker";
const ID = "service/prod/worker";

describe("GET /targets", () => {
  it("lists targets with live ECS counts from one DescribeServices for all ids", async () => {
    const world = apiWorld();
    await world.seed(workerConfig("prod", "worker"));
    await world.seed(workerConfig("prod", "api"));
    world.ecs.addService(ID, 4, 3, 1);
    world.ecs.addService("service/prod/api", 2);
    const reply = await world.call({ method: "GET", path: "/targets" });
    expect(reply.status).toBe(200);
    expect(reply.body.stale).toBe(false);
    expect(reply.body.items.map((t: { id: string }) => t.id)).toEqual(["service/prod/api", ID]);
    expect(reply.body.items[1].counts).toEqual({
      desiredCount: 4,
      runningCount: 3,
      pendingCount: 1,
      source: "ecs",
      at: START,
    });
    expect(world.ecs.calls).toEqual([{ method: "describeServices", args: [["service/prod/api", ID]] }]);
  });

  it("shows the last decision and its reasons, with its observed counts when ECS is not wired", async () => {
    const world = apiWorld({ ecs: false });
    await world.seed(workerConfig());
    const decision = {
      at: START - 60_000,
      desiredCapacity: 6,
      action: "ScaleOut" as const,
      reasons: [{ code: "TargetTrackingScaleOut" as const, message: "backlog 150 > 100", policy: "backlog" }],
      observed: { desiredCount: 4, runningCount: 4, pendingCount: 0 },
      dryRun: false,
    };
    const state = { version: 1, evaluatedAt: decision.at } as const;
    await world.store.putState(ID, state as never, { version: 1, stateVersion: 0 }, decision);
    const reply = await world.call({ method: "GET", path: "/targets" });
    const item = reply.body.items[0];
    expect(item.version).toBe(1); // the loop's state writes never move the config's version (the ETag)
    expect(item.lastDecision).toEqual(decision);
    expect(item.counts).toEqual({ ...decision.observed, source: "lastDecision", at: decision.at });
    expect(reply.body.stale).toBe(false);
  });

  it("returns the stored view marked stale when ECS fails", async () => {
    const world = apiWorld();
    await world.seed(workerConfig());
    world.ecs.failNext("describeServices", new ThrottledError("rate exceeded"));
    const reply = await world.call({ method: "GET", path: "/targets" });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ stale: true, staleReason: "Throttled" });
    expect(reply.body.items[0]).toMatchObject({ id: ID, stale: true, counts: null });
  });

  it("marks a target whose service ECS does not know as stale", async () => {
    const world = apiWorld();
    await world.seed(workerConfig());
    const reply = await world.call({ method: "GET", path: "/targets" });
    expect(reply.body.stale).toBe(false);
    expect(reply.body.items[0].stale).toBe(true);
  });

  it("does not call ECS when there are no targets", async () => {
    const world = apiWorld();
    const reply = await world.call({ method: "GET", path: "/targets" });
    expect(reply.body).toEqual({ items: [], stale: false, problems: [] });
    expect(world.ecs.calls).toEqual([]);
  });
});

describe("GET /targets/{cluster}/{service}", () => {
  it("returns the target with an ETag of its version", async () => {
    const world = apiWorld();
    await world.seed(workerConfig());
    world.ecs.addService(ID, 2);
    const reply = await world.call({ method: "GET", path: PATH });
    expect(reply.status).toBe(200);
    expect(reply.headers.etag).toBe('"1"');
    expect(reply.body).toMatchObject({ id: ID, version: 1, counts: { desiredCount: 2, source: "ecs" } });
    expect(reply.body.config.target).toMatchObject({ minCapacity: 1, maxCapacity: 20, dryRun: false });
  });

  it("answers 404 NotFound for an unknown target", async () => {
    const reply = await apiWorld().call({ method: "GET", path: "/targets/prod/nope" });
    expect(reply.status).toBe(404);
    expect(expectErrorShape(reply).code).toBe("NotFound");
  });

  it("answers 400 naming the path parameter when it cannot be part of a target id", async () => {
    const reply = await apiWorld().call({ method: "GET", path: "/targets/prod.eu/worker" });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply)).toMatchObject({ code: "ValidationError", field: "cluster" });
  });
});

describe("PUT /targets/{cluster}/{service}", () => {
  it("creates (201), then replaces (200) with the current version when If-Match is absent", async () => {
    const world = apiWorld();
    const created = await world.call({ method: "PUT", path: PATH, body: workerConfig() });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body.config.policies[0]).toMatchObject({ name: "backlog", scaleOutCooldown: 300 });
    const changed = { ...workerConfig(), target: { id: ID, minCapacity: 2, maxCapacity: 30 } };
    const replaced = await world.call({ method: "PUT", path: PATH, body: changed });
    expect(replaced.status).toBe(200);
    expect(replaced.body.version).toBe(2);
    expect((await world.store.getTarget(ID))?.config.target.maxCapacity).toBe(30);
  });

  it("honours If-Match: a matching version writes, a stale one is 409 and changes nothing", async () => {
    const world = apiWorld();
    await world.seed(workerConfig());
    const ok = await world.call({
      method: "PUT",
      path: PATH,
      body: workerConfig(),
      headers: { "if-match": '"1"' },
    });
    expect(ok.status).toBe(200);
    const before = await snapshot(world);
    const stale = await world.call({
      method: "PUT",
      path: PATH,
      body: workerConfig(),
      headers: { "if-match": "1" },
    });
    expect(stale.status).toBe(409);
    expect(expectErrorShape(stale).code).toBe("Conflict");
    expect(await snapshot(world)).toBe(before);
  });

  it("treats If-Match: 0 as create-only", async () => {
    const world = apiWorld();
    const first = await world.call({
      method: "PUT",
      path: PATH,
      body: workerConfig(),
      headers: { "if-match": "0" },
    });
    expect(first.status).toBe(201);
    const again = await world.call({
      method: "PUT",
      path: PATH,
      body: workerConfig(),
      headers: { "if-match": "0" },
    });
    expect(again.status).toBe(409);
  });

  it("rejects a malformed If-Match with 400 naming the header", async () => {
    const world = apiWorld();
    const reply = await world.call({
      method: "PUT",
      path: PATH,
      body: workerConfig(),
      headers: { "if-match": "abc" },
    });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply).field).toBe("If-Match");
  });

  it("maps a conflicting concurrent write in the store to 409", async () => {
    const world = apiWorld();
    await world.seed(workerConfig());
    world.store.failNext("putConfig", new ConflictError("lost the race"));
    const reply = await world.call({ method: "PUT", path: PATH, body: workerConfig() });
    expect(reply.status).toBe(409);
  });

  it("answers 400 naming target.id when the body's id does not match the path", async () => {
    const world = apiWorld();
    const reply = await world.call({ method: "PUT", path: "/targets/prod/other", body: workerConfig() });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply)).toMatchObject({ code: "ValidationError", field: "target.id" });
    expect((await world.store.listTargets()).records).toEqual([]);
  });

  it.each([
    [{ target: { id: ID, minCapacity: -1, maxCapacity: 2 } }, "target.minCapacity"],
    [{ target: { id: ID, minCapacity: 5, maxCapacity: 2 } }, "target.maxCapacity"],
    [{ target: { id: ID, minCapacity: 1, maxCapacity: 2 }, extra: 1 }, "extra"],
    [
      { ...workerConfig(), policies: [{ name: "x", type: "TargetTracking", targetValue: "high" }] },
      "policies[0].targetValue",
    ],
    [{ target: { id: ID, minCapacity: 1, maxCapacity: 2, dryRun: "yes" } }, "target.dryRun"],
    [
      // The backlog policy has no processing time: an offered-load floor could never act.
      { ...workerConfig(), behavior: { startup: { taskStartSeconds: 45, loadFloor: {} } } },
      "behavior.startup.loadFloor",
    ],
  ])("answers 400 naming the field for %j", async (body, field) => {
    const world = apiWorld();
    const reply = await world.call({ method: "PUT", path: PATH, body });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply)).toMatchObject({ code: "ValidationError", field });
    expect((await world.store.listTargets()).records).toEqual([]);
  });

  it("rejects duplicate policy names, naming the second", async () => {
    const world = apiWorld();
    const config = workerConfig();
    const body = { ...config, policies: [...(config.policies ?? []), ...(config.policies ?? [])] };
    const reply = await world.call({ method: "PUT", path: PATH, body });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply).field).toBe("policies[1].name");
  });
});

describe("DELETE /targets/{cluster}/{service}", () => {
  it("deletes (204), then answers 404", async () => {
    const world = apiWorld();
    await world.seed(workerConfig());
    expect((await world.call({ method: "DELETE", path: PATH })).status).toBe(204);
    expect(await world.store.getTarget(ID)).toBeUndefined();
    const again = await world.call({ method: "DELETE", path: PATH });
    expect(again.status).toBe(404);
    expect(expectErrorShape(again).code).toBe("NotFound");
  });

  it("honours If-Match", async () => {
    const world = apiWorld();
    await world.seed(workerConfig());
    const stale = await world.call({ method: "DELETE", path: PATH, headers: { "if-match": '"7"' } });
    expect(stale.status).toBe(409);
    expect(await world.store.getTarget(ID)).toBeDefined();
    expect((await world.call({ method: "DELETE", path: PATH, headers: { "if-match": '"1"' } })).status).toBe(
      204,
    );
  });

  it("refuses a body, changing nothing", async () => {
    const world = apiWorld();
    await world.seed(workerConfig());
    const reply = await world.call({ method: "DELETE", path: PATH, body: {} });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply).field).toBe("body");
    expect(await world.store.getTarget(ID)).toBeDefined();
  });
});

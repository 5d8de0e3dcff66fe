import "@gantry/testing/test-env";
import { describe, expect, it } from "vitest";
import {
  apiWorld,
  CPU_POLICY,
  expectErrorShape,
  MORNING_ACTION,
  STEP_POLICY,
  snapshot,
  workerConfig,
} from "./support/api-world.ts";

const ID = "service/prod/worker";
const POLICIES = "/targets/prod/worker/policies";
const ACTIONS = "/targets/prod/worker/scheduled-actions";

async function seeded() {
  const world = apiWorld();
  await world.seed(workerConfig());
  return world;
}

describe("PUT|DELETE /targets/{cluster}/{service}/policies/{name}", () => {
  it("adds a policy (201) after the others and returns the target with its new version", async () => {
    const world = await seeded();
    const reply = await world.call({ method: "PUT", path: `${POLICIES}/cpu`, body: CPU_POLICY });
    expect(reply.status).toBe(201);
    expect(reply.headers.etag).toBe('"2"');
    expect(reply.body.config.policies.map((p: { name: string }) => p.name)).toEqual(["backlog", "cpu"]);
    const stored = await world.store.getTarget(ID);
    expect(stored?.config.policies[1]).toMatchObject({ ...CPU_POLICY, scaleInCooldown: 300 });
  });

  it("replaces a policy in place (200)", async () => {
    const world = await seeded();
    await world.call({ method: "PUT", path: `${POLICIES}/steps`, body: STEP_POLICY });
    const body = { name: "backlog", type: "TargetTracking", targetValue: 40, metric: CPU_POLICY.metric };
    const reply = await world.call({ method: "PUT", path: `${POLICIES}/backlog`, body });
    expect(reply.status).toBe(200);
    const names = reply.body.config.policies.map((p: { name: string }) => p.name);
    expect(names).toEqual(["backlog", "steps"]);
    expect(reply.body.config.policies[0].targetValue).toBe(40);
  });

  it("answers 400 naming name when the body's name differs from the path's", async () => {
    const world = await seeded();
    const before = await snapshot(world);
    const reply = await world.call({ method: "PUT", path: `${POLICIES}/other`, body: CPU_POLICY });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply)).toMatchObject({ code: "ValidationError", field: "name" });
    expect(await snapshot(world)).toBe(before);
  });

  it.each([
    [{ ...CPU_POLICY, targetValue: 0 }, "targetValue"],
    [{ ...CPU_POLICY, metric: { predefined: "Nope" } }, "metric.predefined"],
    [{ ...CPU_POLICY, scaleInCooldown: -1 }, "scaleInCooldown"],
    [{ ...CPU_POLICY, typo: true }, "typo"],
    [{ ...STEP_POLICY, name: "cpu", stepAdjustments: [] }, "stepAdjustments"],
  ])("answers 400 naming the field for %j", async (body, field) => {
    const world = await seeded();
    const before = await snapshot(world);
    const reply = await world.call({ method: "PUT", path: `${POLICIES}/cpu`, body });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply).field).toBe(field);
    expect(await snapshot(world)).toBe(before);
  });

  it("answers 400 naming the path's name when it is not a valid name", async () => {
    const world = await seeded();
    const reply = await world.call({
      method: "PUT",
      path: `${POLICIES}/a%20b`,
      body: { ...CPU_POLICY, name: "a b" },
    });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply).field).toBe("name");
  });

  it("rejects the 51st policy with 400 naming policies", async () => {
    const world = apiWorld();
    const policies = Array.from({ length: 50 }, (_, i) => ({ ...CPU_POLICY, name: `p${i}` }));
    await world.seed({ ...workerConfig(), policies });
    const reply = await world.call({
      method: "PUT",
      path: `${POLICIES}/p50`,
      body: { ...CPU_POLICY, name: "p50" },
    });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply).field).toBe("policies");
  });

  it("answers 404 for an unknown target", async () => {
    const world = apiWorld();
    const reply = await world.call({
      method: "PUT",
      path: "/targets/prod/nope/policies/cpu",
      body: CPU_POLICY,
    });
    expect(reply.status).toBe(404);
    expect((await world.store.listTargets()).records).toEqual([]);
  });

  it("deletes a policy (204 with the new ETag), then answers 404 naming name", async () => {
    const world = await seeded();
    const reply = await world.call({ method: "DELETE", path: `${POLICIES}/backlog` });
    expect(reply.status).toBe(204);
    expect(reply.body).toBeUndefined();
    expect(reply.headers.etag).toBe('"2"');
    expect((await world.store.getTarget(ID))?.config.policies).toEqual([]);
    const again = await world.call({ method: "DELETE", path: `${POLICIES}/backlog` });
    expect(again.status).toBe(404);
    expect(expectErrorShape(again)).toMatchObject({ code: "NotFound", field: "name" });
  });

  it("honours If-Match on policy writes", async () => {
    const world = await seeded();
    const stale = await world.call({
      method: "PUT",
      path: `${POLICIES}/cpu`,
      body: CPU_POLICY,
      headers: { "if-match": '"9"' },
    });
    expect(stale.status).toBe(409);
    const deleted = await world.call({
      method: "DELETE",
      path: `${POLICIES}/backlog`,
      headers: { "if-match": "0" },
    });
    expect(deleted.status).toBe(409);
    expect((await world.store.getTarget(ID))?.version).toBe(1);
  });
});

describe("PUT|DELETE /targets/{cluster}/{service}/scheduled-actions/{name}", () => {
  it("adds, replaces and deletes a scheduled action", async () => {
    const world = await seeded();
    const added = await world.call({ method: "PUT", path: `${ACTIONS}/morning`, body: MORNING_ACTION });
    expect(added.status).toBe(201);
    expect(added.body.config.scheduledActions.map((a: { name: string }) => a.name)).toEqual([
      "night",
      "morning",
    ]);
    const replaced = await world.call({
      method: "PUT",
      path: `${ACTIONS}/morning`,
      body: { ...MORNING_ACTION, minCapacity: 6, startTime: "2026-02-01T00:00:00Z" },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.config.scheduledActions[1]).toMatchObject({
      minCapacity: 6,
      startTime: Date.UTC(2026, 1, 1),
    });
    expect((await world.call({ method: "DELETE", path: `${ACTIONS}/night` })).status).toBe(204);
    const names = (await world.store.getTarget(ID))?.config.scheduledActions.map((a) => a.name);
    expect(names).toEqual(["morning"]);
  });

  it.each([
    [{ ...MORNING_ACTION, schedule: "cron(0 7 * * * *)" }, "schedule"],
    [{ ...MORNING_ACTION, timezone: "Mars/Olympus" }, "schedule"],
    [{ name: "morning", schedule: "rate(5 minutes)" }, "minCapacity"],
    [{ ...MORNING_ACTION, maxCapacity: 1 }, "maxCapacity"],
    [{ ...MORNING_ACTION, startTime: "yesterday" }, "startTime"],
  ])("answers 400 naming the field for %j", async (body, field) => {
    const world = await seeded();
    const before = await snapshot(world);
    const reply = await world.call({ method: "PUT", path: `${ACTIONS}/morning`, body });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply).field).toBe(field);
    expect(await snapshot(world)).toBe(before);
  });

  it("answers 404 for an unknown action", async () => {
    const world = await seeded();
    const reply = await world.call({ method: "DELETE", path: `${ACTIONS}/nope` });
    expect(reply.status).toBe(404);
  });
});

import "@gantry/testing/test-env";
import { GantryError, NotFoundError, sdkErrorCode, ThrottledError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { apiWorld, expectErrorShape, START, snapshot, workerConfig } from "./support/api-world.ts";

const ID = "service/prod/worker";
const BASE = "/targets/prod/worker";

async function seeded(options: { ecs?: boolean } = {}) {
  const world = apiWorld(options);
  await world.seed(workerConfig());
  world.ecs.addService(ID, 4);
  return world;
}

describe("POST suspend and resume", () => {
  it("suspends the named directions only, and resumes them", async () => {
    const world = await seeded();
    const suspended = await world.call({
      method: "POST",
      path: `${BASE}/suspend`,
      body: { dynamicScalingIn: true, scheduledScaling: true },
    });
    expect(suspended.status).toBe(200);
    expect(suspended.body.config.target.suspendedState).toEqual({
      dynamicScalingInSuspended: true,
      dynamicScalingOutSuspended: false,
      scheduledScalingSuspended: true,
    });
    const resumed = await world.call({
      method: "POST",
      path: `${BASE}/resume`,
      body: { scheduledScaling: true },
    });
    expect(resumed.body.config.target.suspendedState).toEqual({
      dynamicScalingInSuspended: true,
      dynamicScalingOutSuspended: false,
      scheduledScalingSuspended: false,
    });
    expect((await world.store.getTarget(ID))?.config.target.suspendedState.dynamicScalingInSuspended).toBe(
      true,
    );
  });

  it("writes nothing when nothing changes (same version)", async () => {
    const world = await seeded();
    const reply = await world.call({
      method: "POST",
      path: `${BASE}/resume`,
      body: { dynamicScalingOut: true },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.version).toBe(1);
    expect(world.store.calls.filter((c) => c.method === "putConfig")).toHaveLength(1);
  });

  it.each([
    [{}, null],
    [{ dynamicScalingIn: false }, null],
    [{ dynamicScalingIn: "yes" }, "dynamicScalingIn"],
    [{ dynamicScalingUp: true }, "dynamicScalingUp"],
  ])("answers 400 for %j", async (body, field) => {
    const world = await seeded();
    const before = await snapshot(world);
    const reply = await world.call({ method: "POST", path: `${BASE}/suspend`, body });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply)).toMatchObject({ code: "ValidationError", field });
    expect(await snapshot(world)).toBe(before);
  });

  it("honours If-Match", async () => {
    const world = await seeded();
    const reply = await world.call({
      method: "POST",
      path: `${BASE}/suspend`,
      body: { dynamicScalingOut: true },
      headers: { "if-match": '"5"' },
    });
    expect(reply.status).toBe(409);
  });
});

describe("PUT dry-run", () => {
  it("switches dry run on and off", async () => {
    const world = await seeded();
    const on = await world.call({ method: "PUT", path: `${BASE}/dry-run`, body: { dryRun: true } });
    expect(on.status).toBe(200);
    expect(on.body.config.target.dryRun).toBe(true);
    expect((await world.store.getTarget(ID))?.config.target.dryRun).toBe(true);
    const off = await world.call({ method: "PUT", path: `${BASE}/dry-run`, body: { dryRun: false } });
    expect(off.body).toMatchObject({ version: 3, config: { target: { dryRun: false } } });
  });

  it("answers 400 naming dryRun", async () => {
    const world = await seeded();
    const reply = await world.call({ method: "PUT", path: `${BASE}/dry-run`, body: { dryRun: 1 } });
    expect(expectErrorShape(reply).field).toBe("dryRun");
  });
});

describe("POST desired-count", () => {
  it("applies a count within bounds and records a Successful api activity", async () => {
    const world = await seeded();
    const reply = await world.call({
      method: "POST",
      path: `${BASE}/desired-count`,
      body: { desiredCount: 7 },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      targetId: ID,
      requestedDesiredCount: 7,
      desiredCount: 7,
      previousDesiredCount: 4,
      clamped: false,
    });
    expect(world.ecs.calls.at(-1)).toEqual({ method: "setDesiredCount", args: [ID, 7] });
    const [activity] = world.store.activitiesOf(ID);
    expect(activity).toEqual(reply.body.activity);
    expect(activity).toMatchObject({
      activityId: `${new Date(START).toISOString()}#r0`,
      status: "Successful",
      cause: "api",
      action: "ScaleOut",
      fromCapacity: 4,
      toCapacity: 7,
      reasons: [],
      dryRun: false,
    });
  });

  it.each([
    [50, 20, "AboveMaxCapacity", "clamped to maxCapacity 20", "ScaleOut"],
    [0, 1, "BelowMinCapacity", "clamped to minCapacity 1", "ScaleIn"],
  ])(
    "clamps %i to %i and says so in the response and the activity",
    async (requested, applied, code, text, action) => {
      const world = await seeded();
      const reply = await world.call({
        method: "POST",
        path: `${BASE}/desired-count`,
        body: { desiredCount: requested },
      });
      expect(reply.body).toMatchObject({
        requestedDesiredCount: requested,
        desiredCount: applied,
        clamped: true,
      });
      expect(reply.body.message).toContain(text);
      expect(world.ecs.services.get(ID)?.desiredCount).toBe(applied);
      const [activity] = world.store.activitiesOf(ID);
      expect(activity?.statusMessage).toContain(text);
      expect(activity).toMatchObject({ action, toCapacity: applied });
      expect(activity?.reasons).toEqual([{ code, message: expect.stringContaining(text) }]);
    },
  );

  it("records a Failed activity and answers 502 when UpdateService fails", async () => {
    const world = await seeded();
    world.ecs.failNext(
      "setDesiredCount",
      new GantryError(sdkErrorCode("AccessDeniedException"), "not allowed"),
    );
    const reply = await world.call({
      method: "POST",
      path: `${BASE}/desired-count`,
      body: { desiredCount: 5 },
    });
    expect(reply.status).toBe(502);
    expect(expectErrorShape(reply).code).toBe("UpstreamFailed");
    const [activity] = world.store.activitiesOf(ID);
    expect(activity).toMatchObject({ status: "Failed", cause: "api", toCapacity: 5 });
    expect(activity?.statusMessage).toContain("AccessDeniedException: not allowed");
  });

  it("still answers 200 when the change was applied but storing its activity failed", async () => {
    const world = await seeded();
    world.store.failNext("putActivity", new ThrottledError("table busy"));
    const reply = await world.call({
      method: "POST",
      path: `${BASE}/desired-count`,
      body: { desiredCount: 6 },
    });
    expect(reply.status).toBe(200);
    expect(world.ecs.services.get(ID)?.desiredCount).toBe(6);
  });

  it("answers 429 without an activity when DescribeServices is throttled", async () => {
    const world = await seeded();
    world.ecs.failNext("describeServices", new ThrottledError("slow down"));
    const reply = await world.call({
      method: "POST",
      path: `${BASE}/desired-count`,
      body: { desiredCount: 5 },
    });
    expect(reply.status).toBe(429);
    expect(world.store.activitiesOf(ID)).toEqual([]);
  });

  it("answers 404 when ECS does not know the service, changing nothing", async () => {
    const world = await seeded();
    world.ecs.services.clear();
    const reply = await world.call({
      method: "POST",
      path: `${BASE}/desired-count`,
      body: { desiredCount: 5 },
    });
    expect(reply.status).toBe(404);
    expect(world.ecs.calls.filter((c) => c.method === "setDesiredCount")).toEqual([]);
    expect(world.store.activitiesOf(ID)).toEqual([]);
  });

  it.each([
    [new NotFoundError("ECS cluster prod does not exist"), 404],
    [new ThrottledError("ecs:DescribeServices throttled for cluster prod"), 429],
    [
      new GantryError("EcsFailure", "ecs:DescribeServices failed for service/prod/worker: ACCESS_DENIED"),
      502,
    ],
  ])("answers with what ECS failed the service for (%s → %i), changing nothing", async (error, status) => {
    const world = await seeded();
    world.ecs.failures.set(ID, error);
    const reply = await world.call({
      method: "POST",
      path: `${BASE}/desired-count`,
      body: { desiredCount: 5 },
    });
    expect(reply.status).toBe(status);
    expect(world.ecs.calls.filter((c) => c.method === "setDesiredCount")).toEqual([]);
    expect(world.store.activitiesOf(ID)).toEqual([]);
  });

  it("answers 501 NotConfigured without ECS", async () => {
    const world = await seeded({ ecs: false });
    const reply = await world.call({
      method: "POST",
      path: `${BASE}/desired-count`,
      body: { desiredCount: 5 },
    });
    expect(reply.status).toBe(501);
    expect(expectErrorShape(reply).code).toBe("NotConfigured");
  });

  it.each([
    [{ desiredCount: -1 }, "desiredCount"],
    [{ desiredCount: 2.5 }, "desiredCount"],
    [{ desiredCount: "3" }, "desiredCount"],
    [{}, "desiredCount"],
    [{ desiredCount: 3, force: true }, "force"],
  ])("answers 400 for %j without calling ECS", async (body, field) => {
    const world = await seeded();
    const reply = await world.call({ method: "POST", path: `${BASE}/desired-count`, body });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply).field).toBe(field);
    expect(world.ecs.calls).toEqual([]);
    expect(world.store.activitiesOf(ID)).toEqual([]);
  });
});

import "@gantry/testing/test-env";
import type { Activity } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { apiWorld, expectErrorShape, START, workerConfig } from "./support/api-world.ts";

const capacity = (name: string, mode: "asg" | "capacityProvider" = "asg") => ({
  mode,
  name,
  maxInstances: 10,
});

function withCapacity(service: string, name: string) {
  const config = workerConfig("prod", service);
  return { ...config, target: { ...config.target, capacity: capacity(name) } };
}

/** A capacity activity as the runtime's stage 2 writes it. */
function capacityActivity(name: string, at: number, toCapacity: number): Activity {
  return {
    activityId: `${new Date(at).toISOString()}#c${toCapacity}`,
    targetId: `capacity/${name}`,
    startTime: at,
    endTime: at,
    status: "Successful",
    statusMessage: `instances ${toCapacity - 1} → ${toCapacity} | CapacityNeeded: launching 1`,
    action: "ScaleOut",
    fromCapacity: toCapacity - 1,
    toCapacity,
    reasons: [],
    dryRun: false,
    cause: "tick",
  };
}

async function world() {
  const w = apiWorld();
  await w.seed(withCapacity("orders", "workers"));
  await w.seed(withCapacity("events", "workers"));
  await w.seed(withCapacity("batch", "batch-spot"));
  await w.seed(workerConfig("prod", "web"));
  for (let k = 1; k <= 3; k++)
    await w.store.putActivity(capacityActivity("workers", START + k * 60_000, k + 1));
  // Newest of all: a protection change, which GET /capacity passes over for the last scale-out.
  const protection = capacityActivity("workers", START + 4 * 60_000, 4);
  await w.store.putActivity({
    ...protection,
    action: "None",
    fromCapacity: 4,
    statusMessage: "protected i-1",
  });
  return w;
}

describe("GET /capacity", () => {
  it("lists each group a capacity block names, with its targets and last scaling activity", async () => {
    const w = await world();
    const reply = await w.call({ method: "GET", path: "/capacity" });
    expect(reply.status).toBe(200);
    expect(reply.body.items.map((g: { name: string }) => g.name)).toEqual(["batch-spot", "workers"]);
    const [batch, workers] = reply.body.items;
    expect(batch).toEqual({
      name: "batch-spot",
      mode: "asg",
      targetIds: ["service/prod/batch"],
      lastActivity: null,
    });
    expect(workers.targetIds.sort()).toEqual(["service/prod/events", "service/prod/orders"]);
    expect(workers.lastActivity).toMatchObject({
      targetId: "capacity/workers",
      action: "ScaleOut",
      toCapacity: 4,
    });
  });
});

describe("GET /capacity/{name}/activities", () => {
  it("pages a group's activities newest first", async () => {
    const w = await world();
    const first = await w.call({ method: "GET", path: "/capacity/workers/activities", query: "limit=2" });
    expect(first.status).toBe(200);
    expect(first.body.items.map((a: { action: string }) => a.action)).toEqual(["None", "ScaleOut"]);
    const rest = await w.call({
      method: "GET",
      path: "/capacity/workers/activities",
      query: `limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    });
    expect(rest.body.items.map((a: { toCapacity: number }) => a.toCapacity)).toEqual([3, 2]);
    expect(rest.body.nextCursor).toBeUndefined();
  });

  it("answers 404 for a name no target's capacity block uses, and 400 for a bad limit", async () => {
    const w = await world();
    const missing = await w.call({ method: "GET", path: "/capacity/nope/activities" });
    expect(missing.status).toBe(404);
    expect(expectErrorShape(missing).code).toBe("NotFound");
    const bad = await w.call({ method: "GET", path: "/capacity/workers/activities", query: "limit=0" });
    expect(bad.status).toBe(400);
    expect(expectErrorShape(bad).field).toBe("limit");
  });
});

describe("GET /capacity/{name}/series", () => {
  it("draws the group's instances from the capacity stage's samples, held from the last one before the window", async () => {
    const w = await world();
    const sample = (at: number, desired: number, draining: number) => ({
      at,
      desired,
      running: desired - 1,
      pending: 1,
      draining,
      protected: 2,
    });
    await w.samples.appendSamples("capacity/workers", START - 7_200_000, [sample(START - 7_200_000, 3, 0)]);
    await w.samples.appendSamples("capacity/workers", START - 60_000, [sample(START - 60_000, 5, 1)]);
    const from = START - 3_600_000;
    const reply = await w.call({
      method: "GET",
      path: "/capacity/workers/series",
      query: `from=${from}&to=${START}`,
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ name: "workers", from, to: START, periodSeconds: 60 });
    expect(reply.body.points).toEqual([
      { at: from, desired: 3, inService: 2, pending: 1, draining: 0, protected: 2 },
      { at: START - 60_000, desired: 5, inService: 4, pending: 1, draining: 1, protected: 2 },
      { at: START, desired: 5, inService: 4, pending: 1, draining: 1, protected: 2 },
    ]);
  });

  it("answers 404 for a group no target names, and 400 for a window that ends before it starts", async () => {
    const w = await world();
    expect((await w.call({ method: "GET", path: "/capacity/nope/series" })).status).toBe(404);
    const bad = await w.call({
      method: "GET",
      path: "/capacity/workers/series",
      query: `from=${START}&to=${START - 1}`,
    });
    expect(bad.status).toBe(400);
    expect(expectErrorShape(bad).field).toBe("from");
  });
});

import "@gantry/testing/test-env";
import type { Activity } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { apiWorld, expectErrorShape, START, workerConfig } from "./support/api-world.ts";

const ID = "service/prod/worker";
const BASE = "/targets/prod/worker";

function activity(i: number): Activity {
  const startTime = START - i * 60_000;
  return {
    targetId: ID,
    activityId: `${new Date(startTime).toISOString()}#a${i}`,
    startTime,
    endTime: startTime + 1_000,
    status: "Successful",
    statusMessage: `activity ${i}`,
    action: "ScaleOut",
    fromCapacity: 1,
    toCapacity: 2,
    reasons: [],
    dryRun: false,
    cause: "schedule",
  };
}

describe("GET activities", () => {
  it("pages newest first, every activity exactly once, the cursor round-tripping through the query", async () => {
    const world = apiWorld();
    await world.seed(workerConfig());
    for (let i = 0; i < 23; i++) await world.store.putActivity(activity(i));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = new URLSearchParams({ limit: "5", ...(cursor && { cursor }) }).toString();
      const reply = await world.call({ method: "GET", path: `${BASE}/activities`, query });
      expect(reply.status).toBe(200);
      expect(reply.body.items.length).toBeLessThanOrEqual(5);
      seen.push(...reply.body.items.map((a: Activity) => a.activityId));
      cursor = reply.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => activity(i).activityId));
  });

  it("defaults to 50 per page and omits nextCursor on the last page", async () => {
    const world = apiWorld();
    await world.seed(workerConfig());
    await world.store.putActivity(activity(0));
    const reply = await world.call({ method: "GET", path: `${BASE}/activities` });
    expect(reply.body).toEqual({ items: [activity(0)] });
    expect(world.store.calls.at(-1)).toMatchObject({ method: "listActivities", args: [ID, { limit: 50 }] });
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=201", "limit"],
    ["limit=abc", "limit"],
    ["limit=2&limit=3", "limit"],
    ["cursor=", "cursor"],
  ])("answers 400 for ?%s naming %s", async (query, field) => {
    const world = apiWorld();
    await world.seed(workerConfig());
    const reply = await world.call({ method: "GET", path: `${BASE}/activities`, query });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply).field).toBe(field);
  });

  it("answers 404 for an unknown target", async () => {
    const reply = await apiWorld().call({ method: "GET", path: "/targets/prod/nope/activities" });
    expect(reply.status).toBe(404);
  });
});

describe("GET series", () => {
  const POINT = {
    at: START - 60_000,
    desired: 3,
    running: 3,
    pending: 1,
    metric: 80,
    target: 100,
    backlog: 240,
  };

  it("passes the window to the series source and returns its points", async () => {
    const world = apiWorld({ series: [POINT] });
    await world.seed(workerConfig());
    const from = START - 3_600_000;
    const reply = await world.call({
      method: "GET",
      path: `${BASE}/series`,
      query: `from=${from}&to=${encodeURIComponent(new Date(START).toISOString())}`,
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ targetId: ID, from, to: START, periodSeconds: 60, points: [POINT] });
    expect(world.series.calls).toEqual([{ targetId: ID, range: { from, to: START, periodSeconds: 60 } }]);
  });

  it("defaults to the last 3 hours and widens the period for long windows", async () => {
    const world = apiWorld();
    await world.seed(workerConfig());
    await world.call({ method: "GET", path: `${BASE}/series` });
    expect(world.series.calls[0]?.range).toEqual({
      from: START - 3 * 3_600_000,
      to: START,
      periodSeconds: 60,
    });
    await world.call({
      method: "GET",
      path: `${BASE}/series`,
      query: `from=${START - 14 * 86_400_000}&to=${START}`,
    });
    expect(world.series.calls[1]?.range.periodSeconds).toBe(840);
  });

  it.each([
    [`from=${START}&to=${START}`, "from"],
    [`from=${START}&to=${START - 1}`, "from"],
    [`from=${START - 14 * 86_400_000 - 1}&to=${START}`, "from"],
    ["from=yesterday", "from"],
    ["to=2026-01-05T12:00:00", "to"],
    ["to=-5", "to"],
  ])("answers 400 for ?%s naming %s", async (query, field) => {
    const world = apiWorld();
    await world.seed(workerConfig());
    const reply = await world.call({ method: "GET", path: `${BASE}/series`, query });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply)).toMatchObject({ code: "ValidationError", field });
    expect(world.series.calls).toEqual([]);
  });

  it("answers 404 for an unknown target", async () => {
    const reply = await apiWorld().call({ method: "GET", path: "/targets/prod/nope/series" });
    expect(reply.status).toBe(404);
  });
});

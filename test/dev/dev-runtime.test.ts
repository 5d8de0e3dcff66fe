// `gantry dev` in-process: the demo fleet under the real handlers, over HTTP on 127.0.0.1, with simulated time
// stepped by hand (synthetic traces, no real-time loop).
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevRuntime, startDev } from "../../packages/cli/src/dev/dev-runtime.ts";

const START = Date.UTC(2026, 0, 5, 12, 0, 0);
const STEP = 15_000;
let dev: DevRuntime;
const lines: string[] = [];
/** The group's latest activity, as GET /capacity showed it the first time it was a ScaleOut. */
let scaledOut: Activity | undefined;
/** The longest stretch during which a worker task waited for an instance. */
let longestBlockedMs = 0;

interface Activity {
  activityId: string;
  targetId: string;
  action: string;
  fromCapacity: number;
  toCapacity: number;
}

const get = async (path: string) => {
  const response = await fetch(`${dev.url}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const enc = (id: string) => id.split("/").slice(1).join("/");

async function groupScaleOut(): Promise<Activity | undefined> {
  const { body } = await get("/capacity");
  const group = (body.items as { name: string; lastActivity: Activity | null }[]).find(
    (g) => g.name === "demo-workers",
  );
  return group?.lastActivity?.action === "ScaleOut" ? group.lastActivity : undefined;
}

/** Every activity of the group, following the pages. */
async function groupActivities(): Promise<Activity[]> {
  const all: Activity[] = [];
  let cursor: string | undefined;
  do {
    const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
    const { status, body } = await get(`/capacity/demo-workers/activities${query}`);
    expect(status).toBe(200);
    all.push(...(body.items as Activity[]));
    cursor = body.nextCursor as string | undefined;
  } while (cursor);
  return all;
}

beforeAll(async () => {
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  dev = await startDev({
    port: 0,
    traces: "synthetic",
    realtime: false,
    startMs: START,
    // No dashboard build here, whatever is in packages/dashboard/dist: `/` then says it is not built.
    staticDir: join(tmpdir(), "gantry-no-dashboard"),
    print: (l) => lines.push(l),
  });
  // Stepped one pass (15 s) at a time, to catch the group's first scale-out and time how long tasks wait.
  const { orders, events } = dev.fleet.services;
  let blockedSince: number | undefined;
  for (let t = 0; t < 12 * 60_000; t += STEP) {
    await dev.step(STEP);
    const blocked = orders.ecs.blockedCount + events.ecs.blockedCount > 0;
    blockedSince = blocked ? (blockedSince ?? t) : undefined;
    if (blockedSince !== undefined) longestBlockedMs = Math.max(longestBlockedMs, t + STEP - blockedSince);
    scaledOut ??= await groupScaleOut();
  }
});

afterAll(() => dev?.stop());

describe("gantry dev runtime", () => {
  it("says it uses synthetic traces, and lists the three demo targets", async () => {
    expect(lines.join("\n")).toMatch(/synthetic/);
    const { status, body } = await get("/targets");
    expect(status).toBe(200);
    const ids = JSON.stringify(body);
    for (const name of ["orders-worker", "events-worker", "web"])
      expect(ids).toContain(`service/demo/${name}`);
  });

  it("scales a worker under load out, with a ScaleOut activity", async () => {
    const orders = dev.fleet.services.orders;
    expect(Math.max(...orders.series.toSeries().desired)).toBeGreaterThan(4);
    const { status, body } = await get(`/targets/${enc(orders.id)}/activities`);
    expect(status).toBe(200);
    expect(JSON.stringify(body)).toContain("ScaleOut");
  });

  it("sizes the workers' Auto Scaling group in the same passes: out as their load arrives", async () => {
    const { status, body } = await get("/capacity");
    expect(status).toBe(200);
    const items = body.items as { name: string; targetIds: string[] }[];
    // The second group, demo-batch-cp in mode capacityProvider, has its own test (capacity-provider-demo).
    expect(items.map((g) => g.name).sort()).toEqual(["demo-batch-cp", "demo-workers"]);
    const workers = items.find((g) => g.name === "demo-workers");
    expect(workers).toMatchObject({
      mode: "asg",
      targetIds: expect.arrayContaining(["service/demo/orders-worker", "service/demo/events-worker"]),
    });
    expect(workers?.targetIds).toHaveLength(2);
    expect(scaledOut).toMatchObject({ targetId: "capacity/demo-workers", action: "ScaleOut" });
    const { fromCapacity, toCapacity } = scaledOut as Activity;
    expect(toCapacity).toBeGreaterThan(fromCapacity);
    const activities = await groupActivities();
    expect(activities.map((a) => a.activityId)).toContain(scaledOut?.activityId);
  });

  it("runs the workers on the instances ordered: no task waits long, none waits at the end", () => {
    const { cluster, services } = dev.fleet;
    expect(cluster.instances.length).toBeGreaterThan(2);
    expect(cluster.misplaced).toBe(0);
    // The first burst outruns the 2 instances: tasks wait for launches of 2 minutes, and while the load still
    // climbs, new tasks queue behind the next launches; within a few minutes every one has started.
    expect(longestBlockedMs).toBeGreaterThan(0);
    expect(longestBlockedMs).toBeLessThanOrEqual(5 * 60_000);
    expect(services.orders.ecs.blockedCount + services.events.ecs.blockedCount).toBe(0);
    expect(services.web.ecs.blockedCount).toBe(0);
  });

  it("decides the web service on CPU once CloudWatch has published", async () => {
    const { body } = await get(`/targets/${enc(dev.fleet.services.web.id)}`);
    const text = JSON.stringify(body);
    expect(text).toContain("cpu");
    expect(text).not.toContain("InsufficientData");
  });

  it("charts desired, running, backlog and the metric against its target", async () => {
    const id = enc(dev.fleet.services.web.id);
    const from = new Date(START).toISOString();
    const to = new Date(START + 10 * 60_000).toISOString();
    const { status, body } = await get(`/targets/${id}/series?from=${from}&to=${to}`);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(JSON.stringify(body)).toContain('"target":50');
  });

  it("backtests a worker's policies on what its queue recorded, as a job: 202, then poll to the report", async () => {
    const orders = dev.fleet.services.orders;
    const response = await fetch(`${dev.url}/targets/${enc(orders.id)}/simulate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ history: { from: START, to: START + 10 * 60_000 } }),
    });
    const started = (await response.json()) as Record<string, unknown>;
    expect(response.status, JSON.stringify(started)).toBe(202);
    expect(started).toMatchObject({ status: "Pending", targetId: orders.id });
    const location = response.headers.get("location") ?? "";
    expect(location).toBe(`/simulations/${started.id}`);
    let job = await get(location);
    for (let i = 0; i < 200 && !["Succeeded", "Failed"].includes(job.body.status as string); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      job = await get(location);
    }
    expect(job.body).toMatchObject({ status: "Succeeded", progress: 1 });
    const body = job.body.report as Record<string, unknown>;
    expect(body.trace).toMatch(/^history:/);
    // The simulated CloudWatch publishes each minute late; the early minutes of load are there.
    expect(body.messages).toBeGreaterThan(0);
    expect(body.withinSloPct).toBeGreaterThan(0);
  });

  it("sets a desired count by hand, end to end", async () => {
    const events = dev.fleet.services.events;
    const response = await fetch(`${dev.url}/targets/${enc(events.id)}/desired-count`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ desiredCount: 7 }),
    });
    expect(response.status, await response.text()).toBeLessThan(300);
    expect(events.ecs.desired).toBe(7);
  });

  it("serves HTML at /, refuses other origins' preflights, and survives bad requests", async () => {
    const page = await fetch(`${dev.url}/`);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("/openapi.json");
    const preflight = await fetch(`${dev.url}/targets`, {
      method: "OPTIONS",
      headers: { origin: "http://evil.example", "access-control-request-method": "PUT" },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    const bad = await fetch(`${dev.url}/targets/%E0%A4%A/x`, { method: "PUT", body: "{not json" });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    const huge = await fetch(`${dev.url}/targets`, { method: "POST", body: "x".repeat(400 * 1024) }).catch(
      () => undefined,
    );
    if (huge) expect(huge.status).toBe(413);
    const binary = await fetch(`${dev.url}/targets/demo/x`, {
      method: "PUT",
      body: new Uint8Array([0xff, 0xfe, 0]),
    });
    expect([400, 415]).toContain(binary.status);
    expect((await get("/targets")).status).toBe(200);
  });
});

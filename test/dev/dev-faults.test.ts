// Issue G's "done when" on the local stack: dashboard-style switch writes while the loop runs get no 409, and a
// target in a cluster that does not exist, next to the demo fleet, affects no demo target and writes one
// (collapsed) activity. Simulated time is stepped by hand, 15 s a pass, for 20 minutes.
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ReconcileSummary } from "@gantry/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevRuntime, startDev } from "../../packages/cli/src/dev/dev-runtime.ts";

const START = Date.UTC(2026, 0, 5, 12, 0, 0);
const STEP = 15_000;
const GHOST = "service/no-such-cluster/api";
let dev: DevRuntime;
const passes: ReconcileSummary[] = [];
const switchStatuses: number[] = [];
let demoIds: string[] = [];

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${dev.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** What the dashboard's switch does: read the target, then write with If-Match on the ETag it read. */
async function flipDryRun(id: string, on: boolean): Promise<number> {
  const path = `/targets/${id.split("/").slice(1).join("/")}`;
  const read = await call("GET", path);
  const etag = read.headers.get("etag") ?? "";
  return (await call("PUT", `${path}/dry-run`, { dryRun: on }, { "if-match": etag })).status;
}

beforeAll(async () => {
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  dev = await startDev({
    port: 0,
    traces: "synthetic",
    realtime: false,
    startMs: START,
    staticDir: join(tmpdir(), "gantry-no-dashboard"),
    print: () => {},
    onPass: (summary) => passes.push(summary),
  });
  demoIds = ((await call("GET", "/targets")).body.items as { id: string }[]).map((t) => t.id);
  const ghost = { target: { id: GHOST, minCapacity: 1, maxCapacity: 4 }, policies: [] };
  expect((await call("PUT", `/targets/no-such-cluster/api`, ghost)).status).toBe(201);
  const switched = demoIds[0] as string;
  for (let t = 0; t < 20 * 60_000; t += STEP) {
    await dev.step(STEP);
    if (switchStatuses.length < 20 && (t / STEP) % 4 === 1) {
      switchStatuses.push(await flipDryRun(switched, switchStatuses.length % 2 === 0));
    }
  }
});

afterAll(() => dev?.stop());

describe("gantry dev under faults (issue G)", () => {
  it("twenty read-then-If-Match switch writes while the loop runs: no 409", () => {
    expect(switchStatuses).toHaveLength(20);
    expect(switchStatuses.filter((s) => s !== 200)).toEqual([]);
  });

  it("a target in a missing cluster fails alone: every demo target decides in every pass", () => {
    const ticks = passes.filter((p) => p.outcomes.length > 1);
    expect(ticks.length).toBeGreaterThanOrEqual(75);
    for (const pass of ticks) {
      const byId = new Map(pass.outcomes.map((o) => [o.targetId, o]));
      expect(byId.get(GHOST)).toMatchObject({ status: "Failed", error: { code: "NotFound" } });
      for (const id of demoIds) expect(["Successful", "Unchanged", "DryRun"]).toContain(byId.get(id)?.status);
    }
  });

  it("writes one collapsed activity for the failing target, saying why", async () => {
    const { body } = await call("GET", "/targets/no-such-cluster/api/activities");
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ status: "Failed", action: "None" });
    expect(body.items[0].statusMessage).toMatch(/no-such-cluster/);
    expect(body.items[0].count).toBeGreaterThanOrEqual(75);
  });
});

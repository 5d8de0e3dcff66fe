// `gantry dev`'s second demo group: the batch worker's capacity provider (mode capacityProvider), which starts
// with ECS's managed scaling on at targetCapacity 80 %. The real handlers take it over in the first pass and then
// size its group at 80 %.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevRuntime, startDev } from "../../packages/cli/src/dev/dev-runtime.ts";

const START = Date.UTC(2026, 0, 5, 12, 0, 0);
let dev: DevRuntime;

interface Activity {
  targetId: string;
  status: string;
  action: string;
  statusMessage: string;
  toCapacity: number;
}

const get = async (path: string) => {
  const response = await fetch(`${dev.url}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

async function providerActivities(): Promise<Activity[]> {
  const all: Activity[] = [];
  let cursor: string | undefined;
  do {
    const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
    const { status, body } = await get(`/capacity/demo-batch-cp/activities${query}`);
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
    staticDir: join(tmpdir(), "gantry-no-dashboard"),
    print: () => {},
  });
  await dev.step(20 * 60_000);
});

afterAll(() => dev?.stop());

describe("gantry dev: the capacity-provider demo group", () => {
  it("lists demo-batch-cp in mode capacityProvider with the batch worker", async () => {
    const { status, body } = await get("/capacity");
    expect(status).toBe(200);
    const group = (body.items as { name: string }[]).find((g) => g.name === "demo-batch-cp");
    expect(group).toMatchObject({ mode: "capacityProvider", targetIds: ["service/demo-batch/batch-worker"] });
  });

  it("takes ECS's managed scaling over once in 20 minutes of passes, with an activity saying so", async () => {
    const taken = (await providerActivities()).filter((a) =>
      a.statusMessage.startsWith("ManagedScalingTakenOver"),
    );
    expect(taken).toHaveLength(1);
    expect(taken[0]?.statusMessage).toContain("targetCapacity 80 %");
  });

  it("scales the provider's group out at its targetCapacity as the batch worker's load arrives", async () => {
    const scaleOuts = (await providerActivities()).filter((a) => a.action === "ScaleOut");
    expect(scaleOuts.length).toBeGreaterThan(0);
    for (const a of scaleOuts) expect(a.statusMessage).toContain("at target capacity 80 %");
  });

  it("sizes the provider's group so tasks use at most 80 % of it, with no task left waiting", () => {
    const { batchCluster, services } = dev.fleet;
    const tasks = services.batch.ecs.desired;
    const usable = batchCluster.usableCount();
    expect(usable).toBeGreaterThanOrEqual(Math.ceil((Math.ceil(tasks / 4) * 100) / 80));
    expect(services.batch.ecs.blockedCount).toBe(0);
    expect(batchCluster.misplaced).toBe(0);
  });
});

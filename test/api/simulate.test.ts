import "@gantry/testing/test-env";
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { SIM_QUEUE_URL } from "@gantry/sim";
import { describe, expect, it } from "vitest";
import { apiWorld, CPU_POLICY, expectErrorShape, snapshot, workerConfig } from "./support/api-world.ts";

const PATH = "/targets/prod/worker/simulate";
// 15 minutes with a burst in minutes 4–5, as test/cli/simulate.test.ts uses.
const COUNTS = [2, 3, 2, 4, 200, 150, 3, 2, 2, 1, 0, 2, 3, 1, 2];
const CSV = ["time,count", ...COUNTS.map((count, i) => `${i * 60},${count}`)].join("\n");
const root = fileURLToPath(new URL("../..", import.meta.url));

async function seeded() {
  const world = apiWorld();
  await world.seed(workerConfig());
  return world;
}

describe("POST simulate", () => {
  it("returns exactly what `gantry simulate --json` prints for the target's config on the same trace", async () => {
    const world = await seeded();
    const body = { trace: { format: "counts", csv: CSV }, sloSeconds: 30, taskStartupSeconds: 20 };
    const started = await world.call({ method: "POST", path: PATH, body });
    expect(started.status).toBe(202);
    const reply = await world.poll(started.headers.location ?? "");
    expect(reply.body.status).toBe("Succeeded");

    const dir = mkdtempSync(join(tmpdir(), "gantry-api-sim-"));
    const config = workerConfig();
    const policies = config.policies?.map((p) => ({ ...p, metric: { sqs: { queueUrl: SIM_QUEUE_URL } } }));
    writeFileSync(join(dir, "trace.csv"), CSV);
    writeFileSync(join(dir, "config.json"), JSON.stringify({ ...config, policies }));
    const args = ["simulate", "--trace", join(dir, "trace.csv"), "--config", join(dir, "config.json")];
    const flags = [
      "--min",
      "1",
      "--max",
      "20",
      "--slo",
      "30",
      "--task-startup",
      "20",
      "--json",
      "--no-progress",
    ];
    const { stdout } = await promisify(execFile)(
      join(root, "node_modules/.bin/gantry"),
      [...args, ...flags],
      {
        cwd: root,
      },
    );
    expect(reply.body.report).toEqual(JSON.parse(stdout));
    expect(reply.body.report).toMatchObject({
      scaler: "gantry",
      trace: "trace",
      messages: COUNTS.reduce((a, b) => a + b),
    });
  });

  it("reads a requests trace", async () => {
    const world = await seeded();
    const csv = ["time,duration_s", ...Array.from({ length: 40 }, (_, i) => `${i * 5},2`)].join("\n");
    const started = await world.call({
      method: "POST",
      path: PATH,
      body: { trace: { format: "requests", csv } },
    });
    expect(started.status).toBe(202);
    const reply = await world.poll(started.headers.location ?? "");
    expect(reply.body.report.messages).toBe(40);
  });

  it.each([
    [{ trace: { format: "counts", csv: "time,count\n0,1\n60,x" } }, "trace.csv", "trace.csv:3"],
    [{ trace: { format: "counts", csv: "when,count\n0,1\n60,1" } }, "trace.csv", "expected header"],
    [{ trace: { format: "counts", csv: `time,count\n0,1\n${20 * 86_400},1` } }, "trace.csv", "days"],
    [{ trace: { format: "counts", csv: "time,count\n0,1e9\n60,1e9" } }, "trace.csv", "messages"],
    [{ trace: { format: "hourly", csv: CSV } }, "trace.format", ""],
    [{ trace: { format: "counts", csv: CSV }, sloSeconds: 0 }, "sloSeconds", ""],
    [{ trace: { format: "counts" } }, "trace.csv", ""],
  ])("answers 400 for %j naming %s", async (body, field, text) => {
    const world = await seeded();
    const reply = await world.call({ method: "POST", path: PATH, body });
    expect(reply.status).toBe(400);
    const error = expectErrorShape(reply);
    expect(error.field).toBe(field);
    expect(error.message).toContain(text);
  });

  it("answers 400 naming policies when no policy reads an SQS queue", async () => {
    const world = apiWorld();
    await world.seed({ ...workerConfig(), policies: [CPU_POLICY] });
    const before = await snapshot(world);
    const reply = await world.call({
      method: "POST",
      path: PATH,
      body: { trace: { format: "counts", csv: CSV } },
    });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply).field).toBe("policies");
    expect(await snapshot(world)).toBe(before);
  });
});

// `gantry dev --config`: the targets of examples/gantry.yaml, each on a simulated service, under the real
// handlers, simulated time stepped by hand; and the problems a file can have, each naming its field.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliError } from "../../packages/cli/src/cli-error.ts";
import type { ConfigFleet } from "../../packages/cli/src/dev/config/config-fleet.ts";
import { type DevRuntime, startDevFromConfig } from "../../packages/cli/src/dev/dev-runtime.ts";

const EXAMPLE = fileURLToPath(new URL("../../examples/gantry.yaml", import.meta.url));
const START = Date.UTC(2026, 0, 5, 6, 0, 0);
const NO_BUILD = join(tmpdir(), "gantry-no-dashboard");
const GANTRY = fileURLToPath(new URL("../../packages/cli/bin/gantry.js", import.meta.url));

interface Activity {
  status: string;
  action: string;
  statusMessage?: string;
}

async function getJson(dev: DevRuntime<ConfigFleet>, path: string) {
  const response = await fetch(`${dev.url}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("gantry dev --config examples/gantry.yaml", () => {
  let dev: DevRuntime<ConfigFleet>;

  beforeAll(async () => {
    process.env.AWS_EC2_METADATA_DISABLED = "true";
    const options = { port: 0, realtime: false, startMs: START, staticDir: NO_BUILD, print: () => undefined };
    dev = await startDevFromConfig(EXAMPLE, options);
    // 06:00 to 07:30 UTC: the orders burst, its idle stretch, the first wave, and Berlin's business hours (07:00).
    await dev.step(90 * 60_000);
  });

  afterAll(() => dev?.stop());

  it("simulates every target of the file, the workers on one EC2 group", () => {
    expect(dev.fleet.configs.map((c) => c.target.id)).toEqual([
      "service/prod/orders-worker",
      "service/prod/thumbnails-worker",
      "service/prod/web",
    ]);
    for (const config of dev.fleet.configs) expect(dev.account.findService(config.target.id)).toBeDefined();
    expect(dev.fleet.groups.map((g) => g.name)).toEqual(["prod-workers"]);
    // The queues are named as the configs' URLs name them, in the user's region and account.
    expect(dev.account.findQueue("orders")?.id).toBe("service/prod/orders-worker");
  });

  it("reconciles every target without a failure: scaled out, in, to zero, and on schedule", async () => {
    const { status, body } = await getJson(dev, "/targets");
    expect(status).toBe(200);
    expect(body.problems).toEqual([]);
    const actions = new Map<string, Activity[]>();
    for (const item of body.items as { id: string; lastDecision: unknown }[]) {
      expect(item.lastDecision, item.id).not.toBeNull();
      const page = await getJson(
        dev,
        `/targets/${item.id.split("/").slice(1).join("/")}/activities?limit=100`,
      );
      const activities = page.body.items as Activity[];
      expect(
        activities.filter((a) => a.status !== "Successful"),
        item.id,
      ).toEqual([]);
      actions.set(item.id, activities);
    }
    const orders = actions.get("service/prod/orders-worker") ?? [];
    expect(orders.some((a) => a.action === "ScaleOut")).toBe(true);
    expect(orders.some((a) => a.action === "ScaleIn")).toBe(true);
    expect(dev.account.findService("service/prod/orders-worker")?.series.toSeries().desired).toContain(0);
    // Business hours in Berlin start at 07:00 UTC in January: the web's minimum rises to 6.
    const web = dev.account.findService("service/prod/web");
    expect(web?.ecs.desired).toBeGreaterThanOrEqual(6);
  });

  it("reads the web's CPU from the simulated CloudWatch, whatever its p90 latency policy asks for", async () => {
    const { body } = await getJson(dev, "/targets/prod/web");
    const reasons = (body.lastDecision as { reasons: { code: string; policy?: string }[] }).reasons;
    expect(reasons.find((r) => r.policy === "cpu")?.code).not.toBe("InsufficientData");
    expect(reasons.find((r) => r.policy === "latency")?.code).toBe("InsufficientData");
  });

  it("holds the file's targets as gantry apply would write them: a dry run against it changes nothing", async () => {
    const stdout = await new Promise<string>((resolve, reject) => {
      const args = [GANTRY, "apply", "-f", EXAMPLE, "--dry-run", "--endpoint", dev.url];
      execFile(process.execPath, args, (error, out, err) => (error ? reject(new Error(err)) : resolve(out)));
    });
    expect(stdout).toContain("Plan: 0 to add, 0 to change, 0 to delete, 3 unchanged.");
  });

  it("sizes the EC2 group for the workers in the same passes", async () => {
    const { status, body } = await getJson(dev, "/capacity/prod-workers/activities");
    expect(status).toBe(200);
    const activities = body.items as Activity[];
    expect(activities.some((a) => a.action === "ScaleOut" && a.status === "Successful")).toBe(true);
    expect(dev.fleet.groups[0]?.cluster.usableCount()).toBeGreaterThan(0);
  });
});

describe("gantry dev --config: bad files", () => {
  const dir = mkdtempSync(join(tmpdir(), "gantry-dev-config-"));
  const worker = (name: string, extra = "") =>
    `  - target: { id: service/prod/${name}, minCapacity: 0, maxCapacity: 10${extra} }
    policies:
      - name: q
        type: TargetTracking
        targetValue: 80
        metric: { sqsUtilization: { queueUrl: https://sqs.eu-west-1.amazonaws.com/1/${name}, processingSeconds: 1 } }
`;
  const start = (text: string) => {
    const path = join(dir, `f${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(path, text);
    return { path, started: startDevFromConfig(path, { port: 0, realtime: false, print: () => undefined }) };
  };
  const problems = async (text: string, expected: string[]) => {
    const { path, started } = start(text);
    const n = expected.length;
    const message = `${path}: ${n === 1 ? "1 problem" : `${n} problems`}:\n${expected.map((p) => `  ${p}`).join("\n")}`;
    await expect(started).rejects.toEqual(new CliError(message, 2));
  };

  it("names each field of the dev section it refuses", async () => {
    await problems(
      `targets:\n${worker("a")}dev:\n  services:\n    service/prod/a:\n      lod: { perMinute: 5 }\n      trace: { path: x.csv }\n      load: { perMinute: -1 }\n  speed: 3\n`,
      [
        "dev.services.service/prod/a.load.perMinute: Too small: expected number to be >=0",
        "dev.services.service/prod/a.lod: unknown field (check the spelling; allowed fields are in the schema)",
        "dev.services.service/prod/a.load: give either trace or load, not both",
        "dev.speed: unknown field (check the spelling; allowed fields are in the schema)",
      ],
    );
  });

  it("refuses what it cannot simulate, naming where: unknown ids and groups, a missing trace, a shared queue", async () => {
    await problems(
      `targets:\n${worker("a")}${worker("b").replace("/1/b", "/1/a")}dev:\n  services:\n    service/prod/a: { trace: { path: nowhere.csv } }\n    service/prod/c: {}\n  capacity:\n    g: {}\n`,
      [
        `dev.services.service/prod/a.trace: trace path ${join(dir, "nowhere.csv")} does not exist`,
        "targets[1]: reads queue a, as service/prod/a does; gantry dev gives each service its own queue",
        "dev.services.service/prod/c: no target in targets has this id",
        "dev.capacity.g: no target's capacity has this name",
      ],
    );
  });

  it("refuses a group across ECS clusters and a task that fits no instance", async () => {
    const capacity = ", capacity: { mode: asg, name: g, maxInstances: 4 }";
    await problems(
      `targets:\n${worker("a", capacity)}${worker("b", capacity).replace("prod/b", "other/b")}`,
      ["capacity g: serves services of ECS clusters prod and other; a group serves one cluster"],
    );
    await problems(
      `targets:\n${worker("a", capacity)}dev:\n  services:\n    service/prod/a: { task: { cpu: 8192, memory: 1024 } }\n`,
      ["dev.services.service/prod/a.task: does not fit on group g's instances (4096 CPU units, 8192 MiB)"],
    );
  });

  it("checks the targets as gantry apply does", async () => {
    await problems("targets:\n  - target: { id: service/prod/a, minCapacity: 3, maxCapacity: 1 }\n", [
      "targets[0].target.maxCapacity: must be greater than or equal to minCapacity",
    ]);
  });

  it("gives a target the file leaves out a synthetic load sized from its bounds", async () => {
    const { started } = start(`targets:\n${worker("a")}`);
    const dev = await started;
    try {
      await dev.step(10 * 60_000);
      const service = dev.account.findService("service/prod/a");
      expect(service?.series.toSeries().arrivals.some((n) => n > 0)).toBe(true);
      expect(service?.ecs.desired).toBeGreaterThan(1);
    } finally {
      await dev.stop();
    }
  });
});

import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Activity, TargetConfig } from "@gantry/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiCallError, createApiClient } from "../../packages/cli/src/api-client/api-client.ts";
import { isLoopback, regionOf, resolveEndpoint } from "../../packages/cli/src/api-client/endpoint.ts";
import { createSender, signRequest } from "../../packages/cli/src/api-client/sigv4-fetch.ts";
import { diffTargets } from "../../packages/cli/src/commands/apply/diff-targets.ts";
import { formatChange } from "../../packages/cli/src/commands/apply/format-diff.ts";
import { checkApplyDocument } from "../../packages/cli/src/commands/apply/read-apply-file.ts";
import { START } from "../api/support/api-world.ts";
import { type ApiServer, startApiServer } from "./support/api-server.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const gantry = join(root, "node_modules/.bin/gantry");
const QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs";

/** Asynchronous, so that the in-process server can answer while the CLI runs. */
function run(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const childEnv = { ...process.env, AWS_EC2_METADATA_DISABLED: "true", GANTRY_ENDPOINT: "", ...env };
    execFile(gantry, args, { cwd: root, env: childEnv }, (error, stdout, stderr) => {
      const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function writeFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "gantry-apply-")), "gantry.yaml");
  writeFileSync(file, text);
  return file;
}

function applyYaml(workerTarget = 10, withApi = true): string {
  const api = withApi ? "  - target: { id: service/prod/api, minCapacity: 2, maxCapacity: 8 }\n" : "";
  return `targets:
  - target: { id: service/prod/worker, minCapacity: 1, maxCapacity: 20 }
    policies:
      - name: backlog
        type: TargetTracking
        targetValue: ${workerTarget}
        metric: { sqs: { queueUrl: ${QUEUE} } }
    scheduledActions:
      - { name: night, schedule: "cron(0 22 * * ? *)", minCapacity: 1, maxCapacity: 5 }
${api}`;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("gantry apply / status / explain / activities against a local API", () => {
  let api: ApiServer;
  const withEndpoint = (...args: string[]) => run([...args, "--endpoint", api.endpoint]);
  const writes = () => api.requests.filter((r) => r.method !== "GET");

  beforeEach(async () => {
    api = await startApiServer();
  });
  afterEach(async () => {
    await api.close();
  });

  it("apply --dry-run shows the diff and writes nothing", async () => {
    const { code, stdout } = await withEndpoint("apply", "-f", writeFile(applyYaml()), "--dry-run");
    expect(code).toBe(0);
    expect(stdout).toContain("+ service/prod/worker: new target (1–20 tasks, 1 policy, 1 scheduled action)");
    expect(stdout).toContain("+ service/prod/api: new target");
    expect(stdout).toContain("Plan: 2 to add, 0 to change, 0 to delete, 0 unchanged.");
    expect(stdout).toContain("Dry run: nothing written.");
    expect(writes()).toEqual([]);
    expect((await api.world.store.listTargets()).records).toEqual([]);
  });

  it("apply creates, then a second apply updates only the changed target with If-Match", async () => {
    const first = await withEndpoint("apply", "-f", writeFile(applyYaml()));
    expect(first.code).toBe(0);
    expect(writes().map((w) => [w.method, w.path, w.ifMatch])).toEqual([
      ["PUT", "/targets/prod/worker", '"0"'],
      ["PUT", "/targets/prod/api", '"0"'],
    ]);
    const version = (await api.world.store.getTarget("service/prod/worker"))?.version;
    api.requests.length = 0;

    const second = await withEndpoint("apply", "-f", writeFile(applyYaml(12)));
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("~ service/prod/worker: policies.backlog.targetValue 10 → 12");
    expect(second.stdout).toContain("Plan: 0 to add, 1 to change, 0 to delete, 1 unchanged.");
    expect(writes().map((w) => [w.method, w.path, w.ifMatch])).toEqual([
      ["PUT", "/targets/prod/worker", `"${version}"`],
    ]);
    const stored = await api.world.store.getTarget("service/prod/worker");
    expect(stored?.config.policies[0]).toMatchObject({ targetValue: 12 });

    api.requests.length = 0;
    const third = await withEndpoint("apply", "-f", writeFile(applyYaml(12)));
    expect(third.stdout).toContain("Nothing to do.");
    expect(writes()).toEqual([]);
  });

  it("keeps targets absent from the file unless --prune", async () => {
    await withEndpoint("apply", "-f", writeFile(applyYaml()));
    const kept = await withEndpoint("apply", "-f", writeFile(applyYaml(10, false)));
    expect(kept.stdout).toContain("! service/prod/api: not in the file, kept (pass --prune to delete it)");
    expect(await api.world.store.getTarget("service/prod/api")).toBeDefined();

    const pruned = await withEndpoint("apply", "-f", writeFile(applyYaml(10, false)), "--prune");
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toContain("- service/prod/api: delete (--prune)");
    expect(await api.world.store.getTarget("service/prod/api")).toBeUndefined();
    expect(await api.world.store.getTarget("service/prod/worker")).toBeDefined();
  });

  it("an invalid file exits 2 listing every problem by field path, before any request", async () => {
    const file = writeFile(`targets:
  - target: { id: service/prod/worker, minCapacity: 5, maxCapacity: 2 }
    policies: [{ name: a, type: TargetTracking, targetValue: -1, metric: { predefined: ECSServiceAverageCPUUtilization } }]
  - target: { id: nope, minCapacity: 1, maxCapacity: 2, colour: red }
`);
    const { code, stdout, stderr } = await withEndpoint("apply", "-f", file);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("targets[0].target.maxCapacity:");
    expect(stderr).toContain("targets[0].policies[0].targetValue:");
    expect(stderr).toContain("targets[1].target.id:");
    expect(stderr).toContain("targets[1].target.colour: unknown field");
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(api.requests).toEqual([]);
  });

  it("a write that loses a race is diffed again and applied once more", async () => {
    await withEndpoint("apply", "-f", writeFile(applyYaml()));
    const record = await api.world.store.getTarget("service/prod/worker");
    if (!record) throw new Error("not created");
    // Someone else writes once between our first GET and PUT.
    const original = api.world.store.listTargets.bind(api.world.store);
    let raced = false;
    api.world.store.listTargets = async () => {
      const list = await original();
      if (!raced)
        await api.world.store.putConfig(
          { ...record.config, target: { ...record.config.target, maxCapacity: 19 } },
          record.version,
        );
      raced = true;
      return list;
    };
    const { code, stdout } = await withEndpoint("apply", "-f", writeFile(applyYaml(30)));
    expect(code).toBe(0);
    expect(stdout).toContain("service/prod/worker changed since the diff; diffing again:");
    expect(stdout).toContain("target.maxCapacity 19 → 20");
    const stored = await api.world.store.getTarget("service/prod/worker");
    expect(stored?.config.policies[0]).toMatchObject({ targetValue: 30 });
    expect(stored?.config.target.maxCapacity).toBe(20);
  });

  it("a write that loses a race twice is a friendly conflict, exit 1, saying what was applied", async () => {
    await withEndpoint("apply", "-f", writeFile(applyYaml()));
    const record = await api.world.store.getTarget("service/prod/worker");
    if (!record) throw new Error("not created");
    // Someone else writes between every GET and PUT: the store moves on after each list is served.
    const original = api.world.store.listTargets.bind(api.world.store);
    api.world.store.listTargets = async () => {
      const list = await original();
      await api.world.store.putConfig(record.config, undefined);
      return list;
    };
    const { code, stdout, stderr } = await withEndpoint("apply", "-f", writeFile(applyYaml(30)));
    expect(code).toBe(1);
    expect(stdout).toContain("Applied 0 change(s) before the conflict.");
    expect(stderr).toBe("gantry: service/prod/worker changed since you diffed, run apply again\n");
  });

  it("status lists counts, bounds, flags and the last action; --json prints the API's JSON", async () => {
    await seedWorker(api);
    const { code, stdout } = await withEndpoint("status");
    expect(code).toBe(0);
    const [header, row] = stdout.split("\n");
    expect(header).toMatch(/^TARGET\s+DESIRED\/RUNNING\/PENDING\s+MIN–MAX\s+FLAGS\s+LAST ACTION\s+WHEN$/);
    expect(row).toMatch(
      /^service\/prod\/worker\s+4\/3\/1\s+1–20\s+dry-run suspended\(in\)\s+ScaleOut → 6\s+2026-01-05 12:00:00Z$/,
    );
    const json = JSON.parse((await withEndpoint("status", "--json")).stdout);
    expect(json).toMatchObject({ stale: false, items: [{ id: "service/prod/worker" }] });
  });

  it("status names the targets whose stored item cannot be read, and how to repair them", async () => {
    await seedWorker(api);
    api.world.store.putRawItem("service/prod/old", {
      config: { target: { id: 1 } },
      version: 2,
      updatedAt: 1,
    });
    const { code, stdout } = await withEndpoint("status");
    expect(code).toBe(0);
    expect(stdout).toContain("1 target(s) cannot be read and are not scaled:");
    expect(stdout).toMatch(
      /\n {2}service\/prod\/old: CorruptItem: stored item of target service\/prod\/old is corrupt/,
    );
    expect(stdout).toContain("/raw; PUT its config or DELETE it to repair it.");
  });

  it("explain shows the last decision's reasons, the observed counts and the bounds", async () => {
    await seedWorker(api);
    const { code, stdout } = await withEndpoint("explain", "prod/worker");
    expect(code).toBe(0);
    expect(stdout).toContain("service/prod/worker (version");
    expect(stdout).toContain("bounds: 1–20 tasks; flags: dry-run suspended(in)");
    expect(stdout).toContain("counts: desired 4, running 3, pending 1 (from ECS");
    expect(stdout).toContain("last decision at 2026-01-05 12:00:00Z: ScaleOut to 6");
    expect(stdout).toContain("observed: desired 2, running 2, pending 0");
    expect(stdout).toContain("TargetTrackingScaleOut [backlog]: backlog 300 above target 100");
    const json = JSON.parse((await withEndpoint("explain", "service/prod/worker", "--json")).stdout);
    expect(json.lastDecision.reasons[0].code).toBe("TargetTrackingScaleOut");

    const missing = await withEndpoint("explain", "prod/nothing");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("gantry: NotFound: target service/prod/nothing does not exist\n");
    const bad = await withEndpoint("explain", "prod");
    expect(bad.code).toBe(2);
  });

  it("activities: newest first, paged with --limit, all pages with --all, raw with --json", async () => {
    await seedWorker(api);
    for (let i = 0; i < 5; i++) await api.world.store.putActivity(activity(i));
    const page = await withEndpoint("activities", "prod/worker", "--limit", "2");
    expect(page.code).toBe(0);
    const heads = page.stdout.split("\n").filter((l) => /^\d{4}-/.test(l));
    expect(heads).toHaveLength(2);
    expect(heads[0]).toContain("Successful  ScaleOut 4 → 5  cause: api");
    expect(page.stdout).toContain("More activities: pass --all");

    const all = await withEndpoint("activities", "prod/worker", "--limit", "2", "--all");
    expect(all.stdout.split("\n").filter((l) => /^\d{4}-/.test(l))).toHaveLength(5);
    expect(all.stdout).not.toContain("More activities");
    expect(api.requests.filter((r) => r.path.endsWith("/activities")).length).toBe(1 + 3);

    const json = JSON.parse((await withEndpoint("activities", "prod/worker", "--all", "--json")).stdout);
    expect(json.items.map((a: Activity) => a.toCapacity)).toEqual([5, 4, 3, 2, 1]);
    const badLimit = await withEndpoint("activities", "prod/worker", "--limit", "0");
    expect(badLimit.code).toBe(2);
  });

  it("capacity: the groups with their targets and last action, then one group's activities", async () => {
    const config = {
      target: {
        id: "service/prod/worker",
        minCapacity: 1,
        maxCapacity: 20,
        capacity: { mode: "asg", name: "workers", maxInstances: 10 },
      },
      policies: [
        { name: "backlog", type: "TargetTracking", targetValue: 100, metric: { sqs: { queueUrl: QUEUE } } },
      ],
    };
    await api.world.seed(config as never);
    const none = await withEndpoint("capacity", "workers");
    expect(none.stdout).toBe("No activities.\n");
    for (let i = 0; i < 3; i++) {
      await api.world.store.putActivity({ ...activity(i), targetId: "capacity/workers", reasons: [] });
    }
    const groups = await withEndpoint("capacity");
    expect(groups.code).toBe(0);
    expect(groups.stdout).toMatch(/^workers {2}\(asg\) {2}\d{4}-.* {2}ScaleOut 2 → 3 instances$/m);
    expect(groups.stdout).toContain("    targets: service/prod/worker");
    const page = await withEndpoint("capacity", "workers", "--limit", "2");
    expect(page.stdout.split("\n").filter((l) => /^\d{4}-/.test(l))).toHaveLength(2);
    expect(page.stdout).toContain("More activities: pass --all");
    const json = JSON.parse((await withEndpoint("capacity", "workers", "--all", "--json")).stdout);
    expect(json.items.map((a: Activity) => a.toCapacity)).toEqual([3, 2, 1]);
    const missing = await withEndpoint("capacity", "nope");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("gantry: NotFound: no target's capacity block names nope\n");
  });

  it("an API error is one line with its code, exit 1 when it is not a validation error", async () => {
    const file = writeFile(applyYaml());
    await withEndpoint("apply", "-f", file);
    const { code, stderr } = await run([
      "activities",
      "prod/worker",
      "--endpoint",
      `${api.endpoint}/targets/x`,
    ]);
    // A wrong base path answers 404 NoSuchRoute: exit 1, one line.
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^gantry: NoSuchRoute: /);
  });
});

describe("friendly network errors", () => {
  it("connection refused names the endpoint, exit 1, no stack trace", async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    for (const args of [["status"], ["explain", "prod/worker"], ["activities", "prod/worker"]]) {
      const { code, stderr } = await run([...args, "--endpoint", endpoint]);
      expect(code).toBe(1);
      expect(stderr).toBe(
        `gantry: no Gantry API at ${endpoint}/ (start one with \`npm start\`, or pass --endpoint)\n`,
      );
    }
    const viaEnv = await run(["status"], { GANTRY_ENDPOINT: endpoint });
    expect(viaEnv.stderr).toContain(`no Gantry API at ${endpoint}/`);
  });

  it("a bad --endpoint is exit 2 naming the flag", async () => {
    const { code, stderr } = await run(["status", "--endpoint", "not a url"]);
    expect(code).toBe(2);
    expect(stderr).toBe("gantry: --endpoint: not a URL: not a url\n");
  });
});

async function seedWorker(api: ApiServer): Promise<void> {
  const config = {
    target: {
      id: "service/prod/worker",
      minCapacity: 1,
      maxCapacity: 20,
      dryRun: true,
      suspendedState: { dynamicScalingInSuspended: true },
    },
    policies: [
      { name: "backlog", type: "TargetTracking", targetValue: 100, metric: { sqs: { queueUrl: QUEUE } } },
    ],
  };
  await api.world.seed(config as never);
  api.world.ecs.addService("service/prod/worker", 4, 3, 1);
  const decision = {
    at: START,
    desiredCapacity: 6,
    action: "ScaleOut" as const,
    reasons: [
      { code: "TargetTrackingScaleOut" as const, policy: "backlog", message: "backlog 300 above target 100" },
    ],
    observed: { desiredCount: 2, runningCount: 2, pendingCount: 0 },
    dryRun: false,
  };
  await api.world.store.putState(
    "service/prod/worker",
    { version: 1, evaluatedAt: START, live: {} } as never,
    { version: 1, stateVersion: 0 },
    decision,
  );
}

function activity(i: number): Activity {
  const startTime = START + i * 60_000;
  return {
    targetId: "service/prod/worker",
    activityId: `${new Date(startTime).toISOString()}#a${i}`,
    startTime,
    endTime: startTime + 1000,
    status: "Successful",
    statusMessage: `set desired count to ${i + 1}`,
    action: "ScaleOut",
    fromCapacity: i,
    toCapacity: i + 1,
    reasons: [{ code: "TargetTrackingScaleOut", policy: "backlog", message: "above target" }],
    dryRun: false,
    cause: "api",
  };
}

describe("API errors", () => {
  const answering = (status: number, body: unknown) =>
    createApiClient(new URL("http://127.0.0.1:8787"), {
      send: async () => new Response(JSON.stringify(body), { status }),
    });

  it("a 400 is `<code>: <message> (field: x)`, exit 2", async () => {
    const body = { error: { code: "ValidationError", message: "must be >= 0", field: "target.minCapacity" } };
    const error = await answering(400, body)
      .listTargets()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).message).toBe("ValidationError: must be >= 0 (field: target.minCapacity)");
    expect((error as ApiCallError).exitCode).toBe(2);
  });

  it("a 5xx or an answer that is not an API error is exit 1", async () => {
    const body = { error: { code: "InternalError", message: "see the logs", field: null } };
    const internal = (await answering(500, body)
      .listTargets()
      .catch((e: unknown) => e)) as ApiCallError;
    expect([internal.message, internal.exitCode]).toEqual(["InternalError: see the logs", 1]);
    const gateway = (await answering(403, { message: "Forbidden" })
      .listTargets()
      .catch((e: unknown) => e)) as ApiCallError;
    expect(gateway.message).toBe("HTTP403: unexpected answer from http://127.0.0.1:8787: Forbidden");
    expect(gateway.exitCode).toBe(1);
  });
});

describe("diffTargets", () => {
  const base = (): TargetConfig =>
    checkApplyDocument(
      { targets: [{ target: { id: "service/prod/worker", minCapacity: 1, maxCapacity: 20 } }] },
      "t",
    )[0]?.config as TargetConfig;
  const withPolicies = (config: TargetConfig, policies: unknown[]): TargetConfig =>
    checkApplyDocument({ targets: [{ ...config, policies }] }, "t")[0]?.config as TargetConfig;
  const cpu = {
    name: "cpu",
    type: "TargetTracking",
    targetValue: 60,
    metric: { predefined: "ECSServiceAverageCPUUtilization" },
  };

  it.each([
    ["same config → same", base(), base(), [{ kind: "same", id: "service/prod/worker", version: 3 }]],
    [
      "a bound → changed leaf",
      base(),
      { ...base(), target: { ...base().target, maxCapacity: 30 } },
      [{ kind: "change", changes: [{ path: "target.maxCapacity", kind: "changed", before: 20, after: 30 }] }],
    ],
    [
      "a policy added by name",
      base(),
      withPolicies(base(), [cpu]),
      [{ kind: "change", changes: [{ path: "policies.cpu", kind: "added" }] }],
    ],
    [
      "a policy removed by name",
      withPolicies(base(), [cpu]),
      base(),
      [{ kind: "change", changes: [{ path: "policies.cpu", kind: "removed" }] }],
    ],
    [
      "a policy field changed, whatever its position",
      withPolicies(base(), [
        cpu,
        { ...cpu, name: "mem", metric: { predefined: "ECSServiceAverageMemoryUtilization" } },
      ]),
      withPolicies(base(), [
        { ...cpu, name: "mem", metric: { predefined: "ECSServiceAverageMemoryUtilization" } },
        { ...cpu, targetValue: 70 },
      ]),
      [{ kind: "change", changes: [{ path: "policies.cpu.targetValue", before: 60, after: 70 }] }],
    ],
  ])("%s", (_name, current, desired, expected) => {
    const diffs = diffTargets(
      [desired as TargetConfig],
      [{ id: "service/prod/worker", version: 3, config: current as TargetConfig }],
      {
        prune: false,
      },
    );
    expect(diffs).toMatchObject(expected);
  });

  it("adds targets not in the API, keeps or removes those not in the file", () => {
    const other = { ...base(), target: { ...base().target, id: "service/prod/api" } };
    const current = [{ id: "service/prod/api", version: 2, config: other }];
    expect(diffTargets([base()], current, { prune: false })).toEqual([
      { kind: "add", id: "service/prod/worker" },
      { kind: "keep", id: "service/prod/api", version: 2 },
    ]);
    expect(diffTargets([base()], current, { prune: true })[1]).toEqual({
      kind: "remove",
      id: "service/prod/api",
      version: 2,
    });
  });

  it("formats changes unified-style", () => {
    expect(
      formatChange({ path: "policies.backlog.targetValue", kind: "changed", before: 10, after: 12 }),
    ).toBe("policies.backlog.targetValue 10 → 12");
    expect(formatChange({ path: "scheduledActions.night", kind: "removed", before: {} })).toBe(
      "- scheduledActions.night",
    );
  });
});

describe("SigV4 signing", () => {
  const credentials = { accessKeyId: "AKID", secretAccessKey: "SECRET" };
  const url = new URL("https://abc123.execute-api.eu-west-1.amazonaws.com/targets?limit=5");

  it("signs for execute-api in the endpoint's region with a fixed date", async () => {
    const signed = await signRequest(
      { method: "GET", url, headers: { accept: "application/json" } },
      { credentials, region: regionOf(url, undefined, {}), signingDate: new Date(Date.UTC(2026, 0, 5, 12)) },
    );
    expect(signed.headers["x-amz-date"]).toBe("20260105T120000Z");
    expect(signed.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKID\/20260105\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
    const again = await signRequest(
      { method: "GET", url, headers: { accept: "application/json" } },
      { credentials, region: "eu-west-1", signingDate: new Date(Date.UTC(2026, 0, 5, 12)) },
    );
    expect(again.headers.authorization).toBe(signed.headers.authorization);
  });

  it("adds the session token when there is one", async () => {
    const signed = await signRequest(
      { method: "PUT", url, headers: { "content-type": "application/json" }, body: "{}" },
      {
        credentials: { ...credentials, sessionToken: "TOKEN" },
        region: "eu-west-1",
        signingDate: new Date(0),
      },
    );
    expect(signed.headers["x-amz-security-token"]).toBe("TOKEN");
  });

  it("takes the region from --region or AWS_REGION for other hosts, else exit 2", () => {
    const custom = new URL("https://gantry.example.com");
    expect(regionOf(custom, "us-east-2", {})).toBe("us-east-2");
    expect(regionOf(custom, undefined, { AWS_REGION: "ap-south-1" })).toBe("ap-south-1");
    expect(() => regionOf(custom, undefined, {})).toThrow(/--region/);
  });

  it("does not sign loopback endpoints", async () => {
    for (const host of ["http://127.0.0.1:8787", "http://localhost:3000", "http://[::1]:8787"]) {
      expect(isLoopback(new URL(host))).toBe(true);
    }
    expect(isLoopback(url)).toBe(false);
    const server = await startApiServer();
    try {
      const send = createSender(new URL(server.endpoint), undefined);
      const response = await send({ method: "GET", url: new URL(`${server.endpoint}/targets`), headers: {} });
      expect(response.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("resolves the endpoint from the flag, GANTRY_ENDPOINT, or the local default", () => {
    expect(resolveEndpoint(undefined, {}).href).toBe("http://127.0.0.1:8787/");
    expect(resolveEndpoint(undefined, { GANTRY_ENDPOINT: "" }).href).toBe("http://127.0.0.1:8787/");
    expect(resolveEndpoint(undefined, { GANTRY_ENDPOINT: "http://localhost:9000" }).port).toBe("9000");
    expect(resolveEndpoint("https://x.example", { GANTRY_ENDPOINT: "http://localhost:9000" }).host).toBe(
      "x.example",
    );
  });
});

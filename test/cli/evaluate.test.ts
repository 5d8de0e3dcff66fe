import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const gantry = join(root, "node_modules/.bin/gantry");

function run(args: string[], input?: string) {
  const result = spawnSync(gantry, args, { cwd: root, input, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const request = {
  now: "2026-11-22T12:00:00Z",
  target: { id: "service/prod/worker", minCapacity: 1, maxCapacity: 50 },
  policies: [
    {
      name: "backlog",
      type: "TargetTracking",
      targetValue: 100,
      metric: { cloudwatch: { namespace: "Gantry", metricName: "BacklogPerTask", statistic: "Average" } },
    },
  ],
  observation: {
    runningCount: 10,
    desiredCount: 10,
    metrics: {
      backlog: [
        { timestamp: "2026-11-22T11:56:00Z", value: 150 },
        { timestamp: "2026-11-22T11:57:00Z", value: 150 },
        { timestamp: "2026-11-22T11:58:00Z", value: 150 },
      ],
    },
  },
};

describe("gantry evaluate", () => {
  it("reads a request on stdin and prints the decision as JSON", () => {
    const { code, stdout } = run(["evaluate"], JSON.stringify(request));
    expect(code).toBe(0);
    const decision = JSON.parse(stdout);
    expect(decision).toMatchObject({ desiredCapacity: 15, action: "ScaleOut" });
    expect(decision.reasons[0]).toMatchObject({ code: "TargetTrackingScaleOut", policy: "backlog" });
    expect(decision.state.version).toBe(1);
  });

  it("reads --input FILE, in JSON or YAML, and accepts the previous state back", () => {
    const dir = mkdtempSync(join(tmpdir(), "gantry-"));
    const yamlFile = join(dir, "request.yaml");
    writeFileSync(
      yamlFile,
      [
        "now: 2026-11-22T12:00:00Z",
        "target: { id: service/prod/worker, minCapacity: 2, maxCapacity: 5 }",
        "observation: { runningCount: 1, desiredCount: 1 }",
      ].join("\n"),
    );
    const first = run(["evaluate", "--input", yamlFile]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ desiredCapacity: 2, action: "ScaleOut" });
    const jsonFile = join(dir, "next.json");
    const state = JSON.parse(first.stdout).state;
    writeFileSync(jsonFile, JSON.stringify({ ...request, now: "2026-11-22T12:01:00Z", state }));
    expect(run(["evaluate", "-i", jsonFile]).code).toBe(0);
  });

  it.each([
    { input: "{", field: "invalid JSON" },
    { input: "", field: "empty input" },
    { input: JSON.stringify({ ...request, now: "yesterday" }), field: "now:" },
    {
      input: JSON.stringify({ ...request, target: { ...request.target, maxCapacity: 0 } }),
      field: "target.maxCapacity",
    },
    {
      input: JSON.stringify({ ...request, policies: [{ ...request.policies[0], targetValue: -1 }] }),
      field: "policies[0].targetValue",
    },
    {
      input: JSON.stringify({ ...request, observation: { ...request.observation, runningCount: "ten" } }),
      field: "observation.runningCount",
    },
    {
      input: JSON.stringify({
        ...request,
        scheduledActions: [{ name: "x", schedule: "cron(0 12 * * * *)", minCapacity: 1 }],
      }),
      field: "scheduledActions[0].schedule",
    },
    { input: JSON.stringify({ ...request, tagret: {} }), field: "tagret" },
  ])("rejects bad input with exit code 2 and names the field ($field)", ({ input, field }) => {
    const { code, stdout, stderr } = run(["evaluate"], input);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(field);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("decides the README's example as the README says", () => {
    const { code, stdout } = run(["evaluate", "--input", "examples/evaluate-sqs-worker.json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ desiredCapacity: 15, action: "ScaleOut" });
  });

  it("fails with exit code 2 on a missing file", () => {
    const { code, stderr } = run(["evaluate", "--input", "/nonexistent/request.json"]);
    expect(code).toBe(2);
    expect(stderr).toContain("no such file");
  });

  it("prints the request's JSON Schema with --schema", () => {
    const { code, stdout } = run(["evaluate", "--schema"]);
    expect(code).toBe(0);
    const schema = JSON.parse(stdout);
    expect(schema.required).toEqual(expect.arrayContaining(["now", "target", "observation"]));
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["policies", "scheduledActions", "behavior", "state"]),
    );
  });
});

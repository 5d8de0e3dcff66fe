import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  burstTrace,
  COUNTS,
  REPORT_KEYS,
  root,
  runSimulate as run,
  simulateJson,
} from "./support/simulate-cli.ts";

const azure = join(root, "../shared/traces/azure-functions-2019");
const { dir, trace } = burstTrace("gantry-simulate-");

describe.concurrent("gantry simulate", () => {
  it.each(["aws-target-tracking", "aws-step", "keda"])(
    "prints the pinned JSON report (%s)",
    async (scaler) => {
      const report = await simulateJson(["--trace", trace, "--scaler", scaler, "--processing-time", "2"]);
      expect(Object.keys(report)).toEqual(REPORT_KEYS);
      expect(report).toMatchObject({ scaler, trace: "burst", sloSeconds: 60 });
      expect(report.messages).toBe(COUNTS.reduce((a, b) => a + b, 0));
      expect(report.withinSloPct).toBeGreaterThanOrEqual(0);
      expect(report.withinSloPct).toBeLessThanOrEqual(100);
      expect(report.p50WaitS).toBeLessThanOrEqual(report.p99WaitS);
      expect(report.p99WaitS).toBeLessThanOrEqual(report.maxWaitS);
      expect(report.maxBacklog).toBeGreaterThan(0);
      // Tasks take 45 s to start and the floor of 1 task runs all along: no scaler gets near the fluid bound.
      expect(report.costRatio).toBeGreaterThanOrEqual(1);
      expect(report.costRatio).toBeCloseTo(report.taskSeconds / report.fluidBoundTaskSeconds, 9);
      expect(report.scalingActions).toBeGreaterThan(0);
      expect(report.firstScaleOutDelayS).toBeGreaterThan(0);
    },
  );

  it("prints a readable summary without --json", async () => {
    const { code, stdout } = await run(["--trace", trace, "--scaler", "keda", "--slo", "30"]);
    expect(code).toBe(0);
    for (const label of ["Scaler", "Trace", "Messages", "SLO", "Within SLO", "Wait p50/p99/max"]) {
      expect(stdout).toContain(label);
    }
    for (const label of ["Max backlog", "Task-hours", "Fluid bound", "Cost ratio", "Scaling actions"]) {
      expect(stdout).toContain(label);
    }
    expect(stdout).toContain("First scale-out");
    expect(stdout).toContain("wait ≤ 30 s");
    expect(stdout).toMatch(/^Messages\s+377$/m);
  });

  it("gives the same JSON for the same seed", async () => {
    const args = ["--trace", trace, "--scaler", "keda", "--scale", "0.7", "--seed", "42"];
    const [first, second] = await Promise.all([simulateJson(args), simulateJson(args)]);
    expect(second).toEqual(first);
  });

  it("writes an SVG chart with --plot and keeps stdout to the report", async () => {
    const plot = join(dir, "run.svg");
    const report = await simulateJson(["--trace", trace, "--scaler", "keda", "--plot", plot]);
    expect(report.scaler).toBe("keda");
    const svg = readFileSync(plot, "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    for (const text of [
      "keda on burst",
      "arrivals per minute",
      "backlog",
      "desired tasks",
      "running tasks",
    ]) {
      expect(svg).toContain(text);
    }
    expect(svg).toContain("scale-out");
  });

  it("shows progress on stderr with --progress, and none with --no-progress", async () => {
    const [shown, hidden] = await Promise.all([
      run(["--trace", trace, "--scaler", "keda", "--json", "--progress"]),
      run(["--trace", trace, "--scaler", "keda", "--json", "--no-progress"]),
    ]);
    expect(shown.code).toBe(0);
    expect(shown.stderr).toContain("100%");
    expect(JSON.parse(shown.stdout).scaler).toBe("keda");
    expect(hidden.stderr).toBe("");
  });

  it.each([
    { args: ["--scale", "-1"], option: "--scale" },
    { args: ["--scaler", "nope"], option: "--scaler" },
    { args: ["--slo", "abc"], option: "--slo" },
    { args: ["--seed", "1.5"], option: "--seed" },
    { args: ["--min", "5", "--max", "2"], option: "--max" },
    { args: ["--concurrency", "0"], option: "--concurrency" },
    { args: ["--trace-format", "tsv"], option: "--trace-format" },
    { args: ["--from", "1h"], option: "--from" },
    { args: ["--function", "sum"], option: "--function" },
    { args: ["--plot", "/nonexistent/run.svg"], option: "--plot" },
    { args: ["--config", trace], option: "--config" },
  ])("rejects $args with exit code 2, naming $option", async ({ args, option }) => {
    const { code, stdout, stderr } = await run(["--trace", trace, "--scaler", "keda", ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(option);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("names --scaler and lists the scalers for an unknown one", async () => {
    const { code, stderr } = await run(["--trace", trace, "--scaler", "nope"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--scaler.*aws-target-tracking, aws-step, keda/);
  });

  it("rejects a missing trace file and a missing --trace with exit code 2", async () => {
    const missing = await run(["--trace", "missing.csv", "--scaler", "keda"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--trace");
    expect(missing.stderr).toContain("missing.csv");
    expect((await run(["--scaler", "keda"])).code).toBe(2);
  });

  it("reports a bad trace file as one line naming it", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "time,count\n0,1\n60,lots\n");
    const { code, stderr } = await run(["--trace", bad, "--scaler", "keda"]);
    expect(code).toBe(2);
    expect(stderr).toContain(bad);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });

  it("runs the gantry scaler by default", async () => {
    const report = await simulateJson(["--trace", trace]);
    expect(report.scaler).toBe("gantry");
    expect(report.messages).toBe(377);
  });

  it("passes a --config file in JSON or YAML to the gantry scaler", async () => {
    const config = join(dir, "gantry.yaml");
    writeFileSync(
      config,
      [
        "target: { id: service/sim/worker, minCapacity: 1, maxCapacity: 20 }",
        "policies:",
        "  - name: backlog",
        "    type: TargetTracking",
        "    targetValue: 30",
        "    metric:",
        "      cloudwatch: { namespace: AWS/SQS, metricName: ApproximateNumberOfMessagesVisible, statistic: Average }",
      ].join("\n"),
    );
    const report = await simulateJson(["--trace", trace, "--config", config]);
    expect(report.scaler).toBe("gantry");
  });

  it.each([
    { name: "invalid.json", text: "{", error: "invalid JSON" },
    { name: "invalid.yaml", text: "target: { id: x }\npolicies: []\n", error: "target" },
  ])("rejects a bad --config ($name) with exit code 2", async ({ name, text, error }) => {
    const config = join(dir, name);
    writeFileSync(config, text);
    const { code, stderr } = await run(["--trace", trace, "--config", config]);
    expect(code).toBe(2);
    expect(stderr).toContain(`--config ${config}`);
    expect(stderr).toContain(error);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });

  it.skipIf(!existsSync(azure))("replays the Azure Functions trace, summed and scaled", async () => {
    const report = await simulateJson([
      "--trace",
      azure,
      "--function",
      "sum",
      "--scale",
      "0.01",
      "--scaler",
      "aws-step",
    ]);
    expect(report).toMatchObject({ trace: "azure-functions-2019", scaler: "aws-step" });
    expect(report.messages).toBeGreaterThan(1000);
    expect(report.costRatio).toBeGreaterThanOrEqual(1);
  });
});

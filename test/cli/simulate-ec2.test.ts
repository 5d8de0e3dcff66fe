import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { burstTrace, COUNTS, REPORT_KEYS as PINNED_KEYS, runSimulate } from "./support/simulate-cli.ts";

const CAPACITY_KEYS = ["capacityWaitTaskSeconds", "instanceSeconds", "pendingTaskMaxS"];
const { dir, trace } = burstTrace("gantry-simulate-ec2-");

/** A target config whose `capacity` block the cluster run must use. */
function configWithCapacity(name: string, capacity: string): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    [
      "target:",
      "  id: service/sim/worker",
      "  minCapacity: 0",
      "  maxCapacity: 40",
      `  capacity: ${capacity}`,
      "policies:",
      "  - name: backlog",
      "    type: TargetTracking",
      "    targetValue: 5",
      "    metric: { sqs: { queueUrl: https://sqs.us-east-1.amazonaws.com/000000000000/worker } }",
    ].join("\n"),
  );
  return file;
}
const run = (args: string[]) => runSimulate(["--trace", trace, ...args]);

describe.concurrent("gantry simulate --cluster ec2", () => {
  it.each(["gantry", "ecs-cas"])(
    "prints the pinned report and the capacity figures (--scaler %s)",
    async (capacity) => {
      const { code, stdout, stderr } = await run(["--cluster", "ec2", "--scaler", capacity, "--json"]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const report = JSON.parse(stdout);
      expect(Object.keys(report)).toEqual([...PINNED_KEYS, ...CAPACITY_KEYS]);
      expect(report).toMatchObject({ scaler: `gantry+${capacity}`, trace: "burst", sloSeconds: 60 });
      expect(report.messages).toBe(COUNTS.reduce((a, b) => a + b, 0));
      expect(report.costRatio).toBeCloseTo(report.taskSeconds / report.fluidBoundTaskSeconds, 9);
      for (const key of CAPACITY_KEYS) {
        expect(typeof report[key]).toBe("number");
        expect(report[key]).toBeGreaterThanOrEqual(0);
      }
      // Instances run all along: at least one for the whole 15 minutes.
      expect(report.instanceSeconds).toBeGreaterThanOrEqual(COUNTS.length * 60);
    },
  );

  it("takes the instance and task shapes and the launch time", async () => {
    const { code, stdout } = await run([
      ...["--cluster", "ec2", "--scaler", "ecs-cas", "--json"],
      ...["--instance-type-cpu", "2048", "--instance-type-memory", "4096"],
      ...["--task-cpu", "512", "--task-memory", "1024", "--instance-launch", "60"],
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).capacityWaitTaskSeconds).toBeGreaterThanOrEqual(0);
  });

  it.each(["gantry", "ecs-cas"])(
    "sizes the cluster with the target's capacity block (--scaler %s)",
    async (capacity) => {
      const config = configWithCapacity("one-instance.yaml", "{ mode: asg, name: workers, maxInstances: 1 }");
      const { code, stdout, stderr } = await run([
        ...["--cluster", "ec2", "--scaler", capacity, "--config", config, "--json"],
      ]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const report = JSON.parse(stdout);
      // One instance (4 tasks) for the whole run, so the burst's tasks wait until it ends.
      expect(report.instanceSeconds).toBeLessThanOrEqual(COUNTS.length * 60);
      expect(report.pendingTaskMaxS).toBeGreaterThan(300);
    },
  );

  it("rejects a bad capacity block naming the field", async () => {
    const config = configWithCapacity(
      "bad.yaml",
      "{ mode: asg, name: w, maxInstances: 4, headroomTasks: -1 }",
    );
    const { code, stdout, stderr } = await run(["--cluster", "ec2", "--config", config]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("headroomTasks");
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });

  it("adds the capacity figures to the readable summary", async () => {
    const { code, stdout } = await run(["--cluster", "ec2", "--scaler", "gantry"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Scaler\s+gantry\+gantry$/m);
    expect(stdout).toMatch(/^Capacity wait\s+\d+ task-seconds$/m);
    expect(stdout).toMatch(/^Instance-hours\s+\d+\.\d\d$/m);
    expect(stdout).toMatch(/^Max pending\s+\d+ s$/m);
  });

  it("keeps the Fargate report without --cluster and with --cluster fargate", async () => {
    const { code, stdout } = await run(["--cluster", "fargate", "--scaler", "keda", "--json"]);
    expect(code).toBe(0);
    expect(Object.keys(JSON.parse(stdout))).toEqual(PINNED_KEYS);
  });

  it.each([
    { args: ["--cluster", "ec3"], option: "--cluster" },
    { args: ["--cluster", "ec2", "--scaler", "keda"], option: "--scaler" },
    { args: ["--cluster", "ec2", "--scaler", "nope"], option: "--scaler" },
    { args: ["--task-cpu", "512"], option: "--task-cpu" },
    { args: ["--cluster", "fargate", "--instance-launch", "60"], option: "--instance-launch" },
    { args: ["--instance-type-memory", "4096"], option: "--instance-type-memory" },
    { args: ["--cluster", "ec2", "--instance-type-cpu", "0"], option: "--instance-type-cpu" },
    { args: ["--cluster", "ec2", "--task-memory", "16384"], option: "--task-memory" },
    { args: ["--cluster", "ec2", "--concurrency", "2"], option: "--concurrency" },
  ])("rejects $args with exit code 2, naming $option", async ({ args, option }) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(option);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });
});

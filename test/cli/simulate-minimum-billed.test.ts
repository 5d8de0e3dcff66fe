import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { burstTrace, runSimulate as run, simulateJson } from "./support/simulate-cli.ts";

// 30 minutes with one message in minutes 2, 12 and 22: gantry launches a task for each and stops it soon after.
const { dir } = burstTrace("gantry-simulate-minimum-billed-");
const trace = join(dir, "sparse.csv");
const counts = Array.from({ length: 30 }, (_, m) => (m % 10 === 2 ? 1 : 0));
writeFileSync(trace, ["time,count", ...counts.map((count, m) => `${m * 60},${count}`)].join("\n"));

describe.concurrent("gantry simulate --minimum-billed", () => {
  it("bills a task that stops young for the minimum, and changes nothing else", async () => {
    const args = ["--trace", trace, "--scaler", "gantry", "--slo", "120", "--min", "0"];
    const [plain, fargate] = await Promise.all([
      simulateJson(args),
      simulateJson([...args, "--minimum-billed", "600"]),
    ]);
    expect(plain.launches).toBeGreaterThan(0);
    expect(fargate.taskSeconds).toBeGreaterThan(plain.taskSeconds);
    expect(fargate.launches).toBe(plain.launches);
    expect(fargate.withinSloPct).toBe(plain.withinSloPct);
    expect(fargate.workTaskSeconds).toBe(plain.workTaskSeconds);
  });

  it("refuses a negative minimum, and --cluster ec2, whose tasks are not billed", async () => {
    const negative = await run(["--trace", trace, "--minimum-billed", "-1"]);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain("--minimum-billed");
    const ec2 = await run([
      "--trace",
      trace,
      "--cluster",
      "ec2",
      "--scaler",
      "ecs-cas",
      "--minimum-billed",
      "60",
    ]);
    expect(ec2.code).toBe(2);
    expect(ec2.stderr).toContain("--minimum-billed: not supported with --cluster ec2");
  });
});

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { burstTrace, runSimulate as run, simulateJson } from "./support/simulate-cli.ts";

// 30 minutes of 2 messages a minute with 60 a minute in minutes 3–5: the fleet grows, then shrinks while busy.
const { dir } = burstTrace("gantry-simulate-protection-");
const trace = join(dir, "scale-in.csv");
const counts = Array.from({ length: 30 }, (_, m) => (m >= 3 && m <= 5 ? 60 : 2));
writeFileSync(trace, ["time,count", ...counts.map((count, m) => `${m * 60},${count}`)].join("\n"));

describe.concurrent("gantry simulate --no-scale-in-protection", () => {
  it("stops busy tasks mid-message: a lost message waits out the visibility timeout", async () => {
    // 20 s messages: KEDA scales in while some tasks still hold one.
    const args = [
      "--trace",
      trace,
      "--scaler",
      "keda",
      "--processing-time",
      "20",
      "--visibility-timeout",
      "400",
    ];
    const [protectedRun, unprotected] = await Promise.all([
      simulateJson(args),
      simulateJson([...args, "--no-scale-in-protection"]),
    ]);
    expect(protectedRun.maxWaitS).toBeLessThan(400);
    expect(unprotected.maxWaitS).toBeGreaterThanOrEqual(400);
    expect(unprotected.withinSloPct).toBeLessThan(protectedRun.withinSloPct);
    // The dropped runs are not work served: the floor stays the messages' processing time.
    expect(unprotected.workTaskSeconds).toBe(protectedRun.workTaskSeconds);
  });

  it("is refused with --cluster ec2, which has no such knob", async () => {
    const { code, stderr } = await run([
      "--trace",
      trace,
      "--cluster",
      "ec2",
      "--scaler",
      "ecs-cas",
      "--no-scale-in-protection",
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain("--no-scale-in-protection: not supported with --cluster ec2");
  });
});

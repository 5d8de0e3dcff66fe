import { describe, expect, it } from "vitest";
import { burstTrace, runSimulate as run, simulateJson } from "./support/simulate-cli.ts";

const { trace } = burstTrace("gantry-simulate-sub-tick-");

describe.concurrent("gantry simulate --sub-tick", () => {
  it("runs gantry's passes that often: sooner passes see the burst sooner and keep its waits shorter", async () => {
    const [fast, given15, standard, minute] = await Promise.all([
      simulateJson(["--trace", trace, "--sub-tick", "5"]),
      simulateJson(["--trace", trace, "--sub-tick", "15"]),
      simulateJson(["--trace", trace]),
      simulateJson(["--trace", trace, "--sub-tick", "0"]),
    ]);
    expect(given15).toEqual(standard); // 15 s is the deploy's default, and the simulator's
    expect(fast.firstScaleOutDelayS).toBeLessThan(standard.firstScaleOutDelayS);
    expect(standard.firstScaleOutDelayS).toBeLessThan(minute.firstScaleOutDelayS);
    expect(fast.p99WaitS).toBeLessThan(standard.p99WaitS);
    expect(minute.withinSloPct).toBeLessThan(standard.withinSloPct);
  });

  it("steers gantry's service scaler on an EC2 cluster too", async () => {
    const args = ["--trace", trace, "--cluster", "ec2", "--scaler", "gantry"];
    const [standard, minute] = await Promise.all([
      simulateJson(args),
      simulateJson([...args, "--sub-tick", "0"]),
    ]);
    expect(minute.withinSloPct).toBeLessThan(standard.withinSloPct);
  });

  it("refuses a value outside whole seconds in [0, 60], and a baseline scaler, naming the flag", async () => {
    for (const bad of ["61", "2.5", "-5"]) {
      const result = await run(["--trace", trace, "--sub-tick", bad]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("--sub-tick");
    }
    const keda = await run(["--trace", trace, "--scaler", "keda", "--sub-tick", "5"]);
    expect(keda.code).toBe(2);
    expect(keda.stderr).toContain("--sub-tick: applies to --scaler gantry only");
  });
});

import { describe, expect, it } from "vitest";
import { bundledModules } from "./bundled-modules.ts";

describe("the simulator's place in the Lambda bundles", () => {
  it("is not in the api handler's bundle (only its trace readers are)", async () => {
    const modules = await bundledModules("api");
    expect(modules.filter((m) => m.includes("packages/functions/src/api/"))).not.toEqual([]);
    // Only the trace readers, to answer a bad upload with a 400; no engine, account or scaler.
    const sim = modules.filter((m) => m.includes("packages/sim/"));
    expect(sim.filter((m) => !m.includes("packages/sim/src/traces/"))).toEqual([]);
    expect(sim.some((m) => m.includes("run-simulation"))).toBe(false);
  }, 60_000);

  it("is in the backtest handler's bundle", async () => {
    const modules = await bundledModules("backtest");
    expect(modules.some((m) => m.includes("packages/sim/src/engine/run-simulation.ts"))).toBe(true);
  }, 60_000);
});

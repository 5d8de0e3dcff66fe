import { describe, expect, it } from "vitest";
import { countsTrace } from "../account/fixtures/test-traces.ts";
import { runSimulation } from "../engine/run-simulation.ts";
import type { SimulationResult } from "../engine/simulation-result.ts";
import type { Scaler } from "../scalers/scaler.ts";
import { SIMULATION_REPORT_KEYS, toSimulationReport } from "./simulation-report.ts";

const toBacklog: Scaler = {
  name: "to-backlog",
  intervalSeconds: 15,
  step: (view) => Math.max(1, Math.ceil(view.queue.visible / 10)),
};

function run(): SimulationResult {
  const counts = Array.from({ length: 600 }, (_, i) => (i >= 60 && i < 90 ? 5 : 0.2));
  return runSimulation({
    trace: countsTrace(counts),
    scaler: toBacklog,
    bounds: { minCapacity: 1, maxCapacity: 50 },
    processingTimeSeconds: 2,
  });
}

describe("toSimulationReport", () => {
  it("projects the result onto the pinned keys, in order, and adds the cost ratio", () => {
    const result = run();
    const report = toSimulationReport(result, 600);
    expect(Object.keys(report)).toEqual([...SIMULATION_REPORT_KEYS]);
    expect(report).toMatchObject({
      scaler: "to-backlog",
      trace: "test-counts",
      messages: result.messages,
      sloSeconds: 60,
      withinSloPct: result.withinSloPct,
      p99WaitS: result.p99WaitS,
      taskSeconds: result.taskSeconds,
      fluidBoundTaskSeconds: 600,
      scalingActions: result.actions.length,
      firstScaleOutDelayS: result.firstScaleOutDelayS,
      workTaskSeconds: result.workTaskSeconds,
      launches: result.launches,
      relaunchesWithin3Min: result.relaunchesWithin3Min,
    });
    expect(report.workTaskSeconds).toBeGreaterThan(0);
    expect(report.workRatio).toBeCloseTo(result.taskSeconds / result.workTaskSeconds, 12);
    expect(report.costRatio).toBeCloseTo(result.taskSeconds / 600, 12);
  });

  it("gives no cost ratio when the bound is 0, since JSON has no infinity", () => {
    const report = toSimulationReport(run(), 0);
    expect(report.costRatio).toBeNull();
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

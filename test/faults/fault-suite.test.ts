import { describe, expect, it } from "vitest";
import { runFaultSuite } from "./fault-suite.ts";

describe("fault suite: mixed faults before and after the effect", () => {
  it.for([1, 2, 3])("seed %i: every invariant holds", async (seed, { task }) => {
    const { world, figures } = await runFaultSuite(seed);
    task.meta.faultFigures = figures;
    const labels = Object.keys(figures.mix).join("\n");
    // The faults really happened…
    expect(figures.faultsInjected).toBeGreaterThan(figures.calls * 0.15);
    expect(labels).toMatch(/UpdateService fail-after (ServerException|TimeoutError)/);
    expect(labels).toMatch(/dynamodb\.putState fail-after/);
    expect(figures.appliedChanges).toBeGreaterThan(30);
    expect(figures.steps).toBeGreaterThan(3);
    expect(figures.conflictOutcomes).toBeGreaterThan(0);
    expect(world.passes.some((p) => p.summary.outcomes.some((o) => o.status === "Skipped"))).toBe(true);
    // …and none of them broke an invariant.
    expect(figures.boundViolations).toBe(0);
    expect(figures.doubleSteps).toBe(0);
    expect(figures.lostActivityRecords).toBe(0);
    expect(figures.phantomActivities).toBe(0);
    expect(figures.otherTargetsAffected).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { runFaultSuite } from "./fault-suite.ts";

describe("fault suite (issue C)", () => {
  it.each([1, 2, 3])(
    "seed %i: no bound violation, no step twice, no lost activity, no other target affected",
    async (seed) => {
      const figures = await runFaultSuite(seed);
      console.log(`fault suite ${JSON.stringify(figures)}`);
      // The faults really happened…
      expect(figures.throttlesInjected).toBeGreaterThan(figures.callsMade * 0.15);
      expect(figures.serverErrorsInjected).toBeGreaterThan(0);
      expect(figures.appliedUpdates).toBeGreaterThan(10);
      expect(figures.skippedOutcomes).toBeGreaterThan(0);
      expect(figures.conflictsLost).toBeGreaterThan(0);
      expect(figures.stepsApplied).toBeGreaterThan(3);
      // …and none of them broke an invariant.
      expect(figures.boundViolations).toBe(0);
      expect(figures.stepsAppliedTwice).toBe(0);
      expect(figures.lostActivityRecords).toBe(0);
      expect(figures.otherTargetsAffected).toBe(0);
    },
  );
});

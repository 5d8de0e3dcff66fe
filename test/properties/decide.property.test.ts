import { type Decision, evaluate } from "@gantry/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { requestAt, type Scenario, scenario } from "./arbitraries.ts";

/** Runs a scenario's steps, passing each decision's state (through JSON, as a store would) to the next. */
function run(s: Scenario): { decisions: Decision[]; requests: unknown[] } {
  const decisions: Decision[] = [];
  const requests: unknown[] = [];
  let state: unknown;
  s.steps.forEach((_, i) => {
    const request = requestAt(s, i, state);
    requests.push(request);
    const decision = evaluate(request);
    decisions.push(decision);
    state = JSON.parse(JSON.stringify(decision.state));
  });
  return { decisions, requests };
}

describe("decision properties", () => {
  it("always lands within [min, max]", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const d of run(s).decisions) {
          expect(d.desiredCapacity).toBeGreaterThanOrEqual(s.min);
          expect(d.desiredCapacity).toBeLessThanOrEqual(s.max);
          expect(Number.isInteger(d.desiredCapacity)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("never scales in on missing data", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const last = s.steps.length - 1;
        const blind: Scenario = {
          ...s,
          steps: s.steps.map((st, i) => {
            if (i !== last) return st;
            const desired = Math.min(Math.max(st.desired, s.min), s.max);
            return { desired, running: st.running, metrics: {} };
          }),
        };
        const decisions = run(blind).decisions;
        expect(decisions[last]?.action).not.toBe("ScaleIn");
      }),
      { numRuns: 400 },
    );
  });

  it("gives the same decision for the same input", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { decisions, requests } = run(s);
        requests.forEach((request, i) => {
          expect(evaluate(structuredClone(request))).toEqual(decisions[i]);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("explains every decision and keeps its state valid JSON", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const d of run(s).decisions) {
          expect(d.reasons.length).toBeGreaterThan(0);
          expect(JSON.parse(JSON.stringify(d.state))).toEqual(d.state);
        }
      }),
      { numRuns: 200 },
    );
  });
});

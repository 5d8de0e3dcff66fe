import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectConserved } from "../account/fixtures/invariants.ts";
import { countsTrace } from "../account/fixtures/test-traces.ts";
import { SimAccount } from "../account/sim-account.ts";
import type { Scaler } from "../scalers/scaler.ts";
import { runSimulation } from "./run-simulation.ts";

const counts = fc.array(fc.double({ min: 0, max: 12, noNaN: true }), { minLength: 1, maxLength: 30 });
const decisions = fc.array(fc.option(fc.integer({ min: -2, max: 12 }), { nil: undefined }), { minLength: 1 });
const setup = fc.record({
  counts,
  bucketSeconds: fc.constantFrom(1 as const, 60 as const),
  decisions,
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  processing: fc.double({ min: 0.1, max: 400, noNaN: true }),
  concurrency: fc.integer({ min: 1, max: 3 }),
  startup: fc.integer({ min: 0, max: 90 }),
  interval: fc.integer({ min: 5, max: 120 }),
});

function scripted(decisions: readonly (number | undefined)[], intervalSeconds: number): Scaler {
  let i = 0;
  return { name: "scripted", intervalSeconds, step: () => decisions[i++ % decisions.length] };
}

describe("simulation invariants", () => {
  it("conserves messages at every minute and keeps counts non-negative", () => {
    fc.assert(
      fc.property(setup, (s) => {
        const account = new SimAccount({
          seed: s.seed,
          taskStartupSeconds: s.startup,
          concurrency: s.concurrency,
        });
        const trace = countsTrace(s.counts, s.bucketSeconds);
        const service = account.addService({ name: "w", trace, processingTimeSeconds: s.processing });
        const minutes = Math.ceil((s.counts.length * s.bucketSeconds) / 60) + 2;
        for (let k = 0; k < minutes * 60; k += s.interval) {
          account.advanceTo(k * 1000);
          const ask = s.decisions[(k / s.interval) % s.decisions.length];
          if (ask !== undefined) account.setDesiredCount(service.id, Math.max(0, ask));
          if (k % 60 < s.interval) expectConserved(service);
        }
        expectConserved(service);
      }),
      { numRuns: 150 },
    );
  });

  it("gives the same result for the same inputs, within bounds and consistent", () => {
    fc.assert(
      fc.property(setup, (s) => {
        const options = {
          trace: countsTrace(s.counts, s.bucketSeconds),
          seed: s.seed,
          processingTimeSeconds: s.processing,
          concurrency: s.concurrency,
          taskStartupSeconds: s.startup,
          bounds: { minCapacity: 1, maxCapacity: 6 },
          tailSeconds: 120,
        };
        const result = runSimulation({ ...options, scaler: scripted(s.decisions, s.interval) });
        expect(runSimulation({ ...options, scaler: scripted(s.decisions, s.interval) })).toEqual(result);
        expect(result.messages).toBe(result.processed + result.stillQueued + result.deadLettered);
        for (const column of [result.series.backlog, result.series.inFlight, result.series.pending]) {
          expect(column.every((v) => v >= 0)).toBe(true);
        }
        expect(result.series.desired.every((d) => d >= 1 && d <= 6)).toBe(true);
        expect(result.withinSloPct).toBeGreaterThanOrEqual(0);
        expect(result.withinSloPct).toBeLessThanOrEqual(100);
        expect(result.p50WaitS).toBeLessThanOrEqual(result.p99WaitS);
        expect(result.p99WaitS).toBeLessThanOrEqual(result.maxWaitS);
      }),
      { numRuns: 100 },
    );
  });
});

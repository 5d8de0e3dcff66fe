import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { request, runSequence, series, T0 } from "../support/requests.ts";

/** A step policy whose every step adds capacity: [0, 50) → a, [50, 100) → b, … above threshold 0. */
const scaleOutOnly = fc
  .record({
    adjustmentType: fc.constantFrom("ChangeInCapacity" as const, "PercentChangeInCapacity" as const),
    sizes: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 4 }),
    cooldown: fc.constantFrom(0, 60, 300, 600),
  })
  .map(({ adjustmentType, sizes, cooldown }) => ({
    name: "out",
    type: "StepScaling" as const,
    metric: { cloudwatch: { namespace: "App", metricName: "Load", statistic: "Average" } },
    alarm: { threshold: 0, comparisonOperator: "GreaterThanOrEqualToThreshold" as const },
    adjustmentType,
    cooldown,
    stepAdjustments: sizes.map((scalingAdjustment, i) => ({
      metricIntervalLowerBound: i * 50,
      ...(i < sizes.length - 1 && { metricIntervalUpperBound: (i + 1) * 50 }),
      scalingAdjustment,
    })),
  }));

/** Readings some seconds apart; desired follows each decision, as it would once carried out. */
const passes = fc.array(
  fc.record({ afterSeconds: fc.integer({ min: 30, max: 400 }), value: fc.integer({ min: 0, max: 250 }) }),
  { minLength: 2, maxLength: 8 },
);

describe("step scaling properties", () => {
  it("never scales in with a scale-out-only step policy, in or out of its cooldown", () => {
    fc.assert(
      fc.property(scaleOutOnly, passes, fc.integer({ min: 1, max: 20 }), (policy, readings, start) => {
        const base = request({
          target: { id: "service/prop/svc", minCapacity: 1, maxCapacity: 10_000 },
          policies: [policy],
          observation: { runningCount: start, desiredCount: start },
        });
        let now = T0;
        const steps = readings.map(({ afterSeconds, value }) => {
          now += afterSeconds * 1000;
          return { now, observation: { metrics: { out: series([value], now) } } };
        });
        for (const decision of runSequence(base, steps)) expect(decision.action).not.toBe("ScaleIn");
      }),
      { numRuns: 400 },
    );
  });
});

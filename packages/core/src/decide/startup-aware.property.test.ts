import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OfferedLoadSchema } from "../model/offered-load.ts";
import { PolicySchema } from "../model/policy.ts";
import type { Predictive } from "../model/startup-behavior.ts";
import type { ScalingState } from "../model/state.ts";
import { TargetSchema } from "../model/target.ts";
import { keepIdleTasks } from "./break-even-scale-in.ts";
import type { DecisionContext } from "./context.ts";
import { applyLoadFloor } from "./offered-load-floor.ts";
import { applyForecastFloor } from "./predictive-floor.ts";

const predictive: Predictive = {
  lookbackDays: 14,
  processingSeconds: 2,
  concurrency: 1,
  targetUtilizationPercent: 100,
  maxErrorRatio: 0.5,
};

describe("startup-aware properties", () => {
  it("break-even scale-in only holds tasks: the value stays within [asked, desired]", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 240 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 300 }),
        (levels, value, desired, start) => {
          const kept = keepIdleTasks(value, desired, { at: 0, levels }, start);
          expect(kept.value).toBeGreaterThanOrEqual(value);
          expect(kept.value).toBeLessThanOrEqual(Math.max(value, desired));
          expect(kept.reason === undefined).toBe(kept.value === value);
        },
      ),
    );
  });

  it("the forecast only raises capacity, and says why whenever it would have", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 0, maxLength: 700 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 800 }),
        (arrivals, value, period) => {
          const history = { startAt: 0, periodSeconds: 300 as const, arrivals };
          const floor = applyForecastFloor(value, period * 300_000, predictive, 45, history);
          expect(floor.value).toBeGreaterThanOrEqual(value);
          if (floor.value > value) expect(floor.reason?.code).toBe("PredictiveScaleOut");
        },
      ),
    );
  });

  it("the offered-load floor only raises, says why, stays in its bounds and keeps a valid memory", () => {
    const QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs";
    const policy = PolicySchema.parse({
      name: "workers",
      type: "TargetTracking",
      targetValue: 100,
      metric: { sqsUtilization: { queueUrl: QUEUE, processingSeconds: 3, concurrency: 2 } },
    });
    const read = fc.record({
      after: fc.integer({ min: 0, max: 400_000 }),
      visible: fc.integer({ min: 0, max: 500 }),
      inFlight: fc.integer({ min: 0, max: 100 }),
      unread: fc.boolean(),
      value: fc.integer({ min: 0, max: 60 }),
      desired: fc.integer({ min: 0, max: 60 }),
    });
    const knobs = fc.record({
      windowSeconds: fc.integer({ min: 60, max: 1800 }),
      holdSeconds: fc.integer({ min: 0, max: 1800 }),
      sigmas: fc.double({ min: 0, max: 5, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(read, { minLength: 1, maxLength: 200 }),
        knobs,
        fc.boolean(),
        (reads, floor, outOff) => {
          const target = TargetSchema.parse({
            id: "service/prod/worker",
            minCapacity: 0,
            maxCapacity: 60,
            suspendedState: { dynamicScalingOutSuspended: outOff },
          });
          let now = 1_000_000;
          let load: ScalingState["load"];
          for (const r of reads) {
            now += r.after;
            const queues = r.unread
              ? {}
              : { [QUEUE]: { visible: r.visible, inFlight: r.inFlight, delayed: 0 } };
            const observation = {
              runningCount: r.desired,
              desiredCount: r.desired,
              pendingCount: 0,
              deploymentInProgress: false,
              metrics: {},
              queues,
            };
            const previous = load && ({ load } as ScalingState);
            const ctx = { now, target, observation, previous } as DecisionContext;
            const out = applyLoadFloor(r.value, [policy], ctx, floor);
            expect(out.value).toBeGreaterThanOrEqual(r.value);
            expect(out.reason === undefined).toBe(out.value === r.value);
            if (outOff) expect(out.value).toBeLessThanOrEqual(Math.max(r.value, r.desired));
            if (r.unread) expect(out.load).toBe(load);
            load = out.load ?? load;
            if (load) {
              expect(OfferedLoadSchema.safeParse(JSON.parse(JSON.stringify(load))).success).toBe(true);
              const times = load.samples.map(([at]) => at);
              expect(times).toEqual([...times].sort((a, b) => a - b));
            }
          }
        },
      ),
    );
  });
});

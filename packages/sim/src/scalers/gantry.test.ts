import { ValidationError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { runSimulation } from "../engine/run-simulation.ts";
import type { Trace } from "../traces/trace.ts";
import { createGantryScaler, defaultWorkerConfig, SIM_QUEUE_URL } from "./gantry.ts";
import { createKeda } from "./keda.ts";
import type { Scaler, ScalerView } from "./scaler.ts";

const bounds = { minCapacity: 0, maxCapacity: 50 };
const slo = { latencySeconds: 60, processingTimeSeconds: 2 };

function view(now: number, desired: number, running: number, visible: number, inFlight: number): ScalerView {
  return {
    now,
    service: {
      id: "service/sim/worker",
      desiredCount: desired,
      runningCount: running,
      pendingCount: desired - running,
      deploymentInProgress: false,
    },
    queue: { visible, inFlight, delayed: 0 },
    cloudwatch: () => [],
  };
}

/** 10 minutes idle, 20 minutes at 5 messages/s, 10 minutes idle: per-second counts. */
function burstTrace(): Trace {
  const counts = new Float64Array(40 * 60);
  counts.fill(5, 10 * 60, 30 * 60);
  return { name: "burst", description: "burst fixture", bucketSeconds: 1, counts, scale: 1 };
}

describe("the gantry scaler", () => {
  it("runs the real core on live queue reads, waking from zero at once", () => {
    const scaler = createGantryScaler({ bounds, slo });
    expect(scaler.intervalSeconds).toBe(15);
    expect(scaler.step(view(0, 0, 0, 0, 0))).toBeUndefined();
    expect(scaler.step(view(15_000, 0, 0, 3, 0))).toBe(1);
  });

  it("carries state between steps: scale-in waits for the stabilization window", () => {
    const scaler = createGantryScaler({ bounds, slo, breakEvenScaleIn: false });
    expect(scaler.step(view(0, 10, 10, 0, 20))).toBeUndefined(); // 20 busy at 220 % → 10 tasks
    expect(scaler.step(view(15_000, 10, 10, 0, 2))).toBeUndefined(); // the window still holds 10
    expect(scaler.step(view(75_000, 10, 10, 0, 2))).toBe(8); // 15 % of the fleet per minute at most
  });

  it("accepts a user's config, with the run's bounds", () => {
    const config = {
      ...defaultWorkerConfig({ bounds: { minCapacity: 3, maxCapacity: 4 }, slo }),
      behavior: undefined,
    };
    const scaler = createGantryScaler({ bounds, slo, config });
    // 1 busy + 500 × 2 s / 30 s ≈ 34.3 tasks of work at 220 % → 16: the config's max of 4 gave way to the run's 50
    expect(scaler.step(view(0, 1, 1, 500, 1))).toBe(16);
  });

  it("rejects a bad config naming the field", () => {
    const config = {
      target: { id: "service/sim/worker", minCapacity: 0, maxCapacity: 5 },
      policies: [
        { name: "x", type: "TargetTracking", targetValue: -1, metric: { sqs: { queueUrl: SIM_QUEUE_URL } } },
      ],
    };
    expect(() => createGantryScaler({ bounds, slo, config })).toThrow(ValidationError);
    expect(() => createGantryScaler({ bounds, slo, config })).toThrow(/policies\[0\]\.targetValue/);
  });

  it("serves a burst better than KEDA and gives the tasks back afterwards", () => {
    const warm = { minCapacity: 1, maxCapacity: 50 };
    const run = (scaler: Scaler) =>
      runSimulation({
        trace: burstTrace(),
        scaler,
        bounds: warm,
        processingTimeSeconds: 2,
        sloSeconds: 60,
        tailSeconds: 600,
      });
    const gantry = run(createGantryScaler({ bounds: warm, slo }));
    const keda = run(createKeda({ bounds: warm, queueLength: 30 }));
    expect(gantry.messages).toBe(6000);
    // A 20× step onto one warm task: messages of the first minute wait for tasks that take 45 s to start, so
    // about 5 % miss a 60 s SLO whatever the scaler; gantry catches up within about a minute.
    expect(gantry.withinSloPct).toBeGreaterThan(93);
    expect(gantry.p99WaitS).toBeLessThan(90);
    expect(gantry.withinSloPct).toBeGreaterThan(keda.withinSloPct);
    // 12,000 task-seconds of work; startups and the ramp add the rest.
    expect(gantry.taskSeconds).toBeLessThan(12_000 * 1.6);
    expect(gantry.series.desired.at(-1)).toBe(1);
  });

  it("derives the worker target from the SLO, processing time and start", () => {
    const target = (options: Parameters<typeof defaultWorkerConfig>[0]) =>
      (defaultWorkerConfig(options).policies?.[0] as { targetValue: number } | undefined)?.targetValue;
    expect(target({ bounds, slo })).toBe(218); // 100 × (1 + (60 − 22.5 − 2) / 30)
    expect(target({ bounds, slo: { latencySeconds: 120, processingTimeSeconds: 2 } })).toBe(259);
    expect(target({ bounds, slo, taskStartSeconds: 0 })).toBe(293);
  });

  it("turns break-even scale-in on by default, predictive only when asked", () => {
    expect(defaultWorkerConfig({ bounds, slo }).behavior?.startup).toEqual({
      taskStartSeconds: 45,
      breakEvenScaleIn: true,
    });
    expect(defaultWorkerConfig({ bounds, slo, breakEvenScaleIn: false }).behavior?.startup).toBeUndefined();
    const startup = defaultWorkerConfig({ bounds, slo, predictive: true, taskStartSeconds: 30 }).behavior
      ?.startup;
    expect(startup).toEqual({
      taskStartSeconds: 30,
      breakEvenScaleIn: true,
      maxWaitSeconds: 60, // a 30 s start and a 15 s sub-tick leave 15 s to gather a batch
      predictive: { lookbackDays: 14, processingSeconds: 2 },
    });
  });

  it("batches launches from zero where the SLO outlasts a start and a sub-tick, and then lets the last task go at once", () => {
    const slow = { latencySeconds: 120, processingTimeSeconds: 2 };
    const behavior = (options: Parameters<typeof defaultWorkerConfig>[0]) =>
      defaultWorkerConfig(options).behavior;
    expect(behavior({ bounds, slo: slow })?.startup).toEqual({
      taskStartSeconds: 45,
      breakEvenScaleIn: true,
      maxWaitSeconds: 120,
    });
    expect(behavior({ bounds, slo: slow })?.scaleToZero?.idleSeconds).toBe(0);
    // 60 s is a 45 s start and a 15 s sub-tick: no room for a batch, the idle minute stays.
    expect(behavior({ bounds, slo })?.startup?.maxWaitSeconds).toBeUndefined();
    expect(behavior({ bounds, slo })?.scaleToZero?.idleSeconds).toBe(60);
    expect(behavior({ bounds, slo: slow, batchFromZero: false })?.startup?.maxWaitSeconds).toBeUndefined();
    expect(behavior({ bounds, slo: slow, batchFromZero: false })?.scaleToZero?.idleSeconds).toBe(60);
  });

  it("holds the offered load where a job outlasts the standing wait the SLO leaves, unless told not to", () => {
    const jobs = { latencySeconds: 30, processingTimeSeconds: 25 };
    const startup = (options: Parameters<typeof defaultWorkerConfig>[0]) =>
      defaultWorkerConfig(options).behavior?.startup;
    expect(startup({ bounds, slo: jobs })?.loadFloor).toEqual({}); // the schema's defaults: 300 s, 300 s, 0 σ
    expect(startup({ bounds, slo: jobs, loadFloor: false })?.loadFloor).toBeUndefined();
    expect(startup({ bounds, slo })?.loadFloor).toBeUndefined();
    expect(startup({ bounds, slo, loadFloor: true })?.loadFloor).toBeDefined();
  });

  it("with the floor, keeps the job fleet through a lull that stops it without", () => {
    const jobs = { latencySeconds: 30, processingTimeSeconds: 25 };
    const run = (loadFloor: boolean) => {
      const scaler = createGantryScaler({ bounds, slo: jobs, loadFloor });
      let desired = 4;
      const counts: number[] = [];
      // Four jobs in flight for two minutes, then nothing for a minute.
      [...Array<number>(8).fill(4), 0, 0, 0, 0].forEach((busy, i) => {
        desired = scaler.step(view(i * 15_000, desired, desired, 0, busy)) ?? desired;
        counts.push(desired);
      });
      return counts.slice(8);
    };
    expect(run(false).at(-1)).toBeLessThan(4); // the minute's hold ends, scale-in begins
    expect(run(true)).toEqual([4, 4, 4, 4]);
  });

  it("holds scale-in for a minute unless break-even scale-in does it and the SLO outlasts a start", () => {
    const window = (options: Parameters<typeof defaultWorkerConfig>[0]) =>
      defaultWorkerConfig(options).behavior?.scaleDown?.stabilizationWindowSeconds;
    expect(window({ bounds, slo })).toBe(0);
    expect(window({ bounds, slo, breakEvenScaleIn: false })).toBe(60);
    expect(window({ bounds, slo: { latencySeconds: 30, processingTimeSeconds: 2 } })).toBe(60);
    expect(window({ bounds, slo, taskStartSeconds: 60 })).toBe(60);
  });

  it("keeps the task the load comes back to within a start, where the plain profile churns it", () => {
    const run = (breakEvenScaleIn: boolean) => {
      const scaler = createGantryScaler({ bounds, slo, breakEvenScaleIn });
      let desired = 6;
      let scaleIns = 0;
      [6, 5, 5, 6, 5, 5, 6, 5, 5, 6, 5, 5, 6, 5, 5, 6, 5, 5].forEach((busy, i) => {
        const next = scaler.step(view(i * 15_000, desired, desired, 0, busy));
        if (next !== undefined && next < desired) scaleIns++;
        desired = next ?? desired;
      });
      return scaleIns;
    };
    expect(run(false)).toBeGreaterThan(run(true));
  });

  it("pre-scales from the arrival history ahead of yesterday's rise, with nothing queued yet", () => {
    // Yesterday the queue went from 1 to 10 msg/s at 12:00; it is 11:59:30 and one task works one message.
    const noon = Date.parse("2026-11-22T12:00:00Z");
    const arrivals = Array.from({ length: 288 + 143 }, (_, i): number => (i >= 144 && i < 288 ? 10 : 1));
    const arrivalHistory = {
      startAt: noon - 86_400_000 - 144 * 300_000,
      periodSeconds: 300 as const,
      arrivals,
    };
    const options = { bounds, slo, predictive: true, arrivalHistory };
    expect(createGantryScaler(options).step(view(noon - 30_000, 1, 1, 0, 1))).toBe(20); // 10 msg/s × 2 s
    expect(
      createGantryScaler({ ...options, predictive: false }).step(view(noon - 30_000, 1, 1, 0, 1)),
    ).toBeUndefined();
  });
});

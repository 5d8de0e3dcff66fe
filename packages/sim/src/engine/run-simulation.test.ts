import type { Datapoint } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { countsTrace, requestsTrace } from "../account/fixtures/test-traces.ts";
import type { Scaler, ScalerView } from "../scalers/scaler.ts";
import { cutTrace } from "../traces/slice.ts";
import { runSimulation, type SimulationOptions } from "./run-simulation.ts";

const fixed = (n: number | undefined): Scaler => ({ name: `fixed-${n}`, intervalSeconds: 60, step: () => n });

/** Scales to the visible backlog, one task per 5 messages (at least 1). */
const backlog: Scaler = {
  name: "backlog",
  intervalSeconds: 15,
  step: (view) => Math.max(1, Math.ceil((view.queue.visible + view.queue.inFlight) / 5)),
};

const fractional = countsTrace(Array.from({ length: 600 }, (_, i) => 0.4 + (i % 60) / 40));

function run(overrides: Partial<SimulationOptions> = {}) {
  return runSimulation({
    trace: fractional,
    scaler: backlog,
    bounds: { minCapacity: 0, maxCapacity: 20 },
    ...overrides,
  });
}

describe("runSimulation", () => {
  it("gives the same result for the same seed, another for another seed", () => {
    const a = run({ seed: 11 });
    expect(run({ seed: 11 })).toEqual(a);
    const b = run({ seed: 12 });
    expect(b.messages).not.toBe(a.messages);
    expect(a.messages).toBe(a.processed + a.stillQueued);
  });

  it("bills every task for its whole life and changes nothing under a fixed scaler", () => {
    const result = run({ scaler: fixed(4), initialDesired: 4, processingTimeSeconds: 0.5 });
    expect(result).toMatchObject({ taskSeconds: 4 * 600, scalingActions: 0, firstScaleOutDelayS: null });
    expect(result.series.arrivals.reduce((a, b) => a + b, 0)).toBe(result.messages);
    expect(result.series.running).toEqual(Array(10).fill(4));
  });

  it("clamps what the scaler asks to the bounds and records each change", () => {
    const asks = [50, 50, -3, 2.6];
    let i = 0;
    const scaler: Scaler = { name: "jumpy", intervalSeconds: 60, step: () => asks[i++] };
    const result = run({ scaler, bounds: { minCapacity: 1, maxCapacity: 8 }, initialDesired: 0 });
    expect(result.initialDesired).toBe(1);
    expect(result.actions).toEqual([
      { at: 0, from: 1, to: 8 },
      { at: 120_000, from: 8, to: 1 },
      { at: 180_000, from: 1, to: 3 },
    ]);
    expect(result.scalingActions).toBe(3);
  });

  it("measures the first scale-out from the first arrival", () => {
    const scaler: Scaler = {
      name: "react",
      intervalSeconds: 60,
      step: (v) => (v.queue.visible > 0 ? 2 : undefined),
    };
    const result = runSimulation({
      trace: requestsTrace([120, 121], [1, 1]),
      scaler,
      bounds: { minCapacity: 0, maxCapacity: 5 },
      tailSeconds: 300,
    });
    // At 120 s the reported depth (5 s old) is still 0; at 180 s it shows the messages. Both start at 225 s.
    expect(result.firstScaleOutDelayS).toBe(60);
    expect(result).toMatchObject({ processed: 2, stillQueued: 0, p50WaitS: 104, maxWaitS: 105 });
  });

  it("counts messages still waiting past the SLO at the end as misses", () => {
    const trace = countsTrace([10, 0, 0], 60);
    const none = runSimulation({
      trace,
      scaler: fixed(0),
      bounds: { minCapacity: 0, maxCapacity: 0 },
      sloSeconds: 30,
    });
    expect(none).toMatchObject({ processed: 0, stillQueued: 10, withinSloPct: 0, maxBacklog: 10 });
    const empty = runSimulation({
      trace: countsTrace([0, 0]),
      scaler: fixed(0),
      bounds: { minCapacity: 0, maxCapacity: 0 },
    });
    expect(empty.withinSloPct).toBe(100);
  });

  it("shows scalers only the CloudWatch datapoints already published", () => {
    const seen: Datapoint[][] = [];
    const scaler: Scaler = {
      name: "watcher",
      intervalSeconds: 60,
      step: (view: ScalerView) => {
        seen.push(view.cloudwatch("NumberOfMessagesSent", 0));
        return undefined;
      },
    };
    runSimulation({
      trace: countsTrace([5, 7, 0, 0, 0], 60),
      scaler,
      bounds: { minCapacity: 0, maxCapacity: 1 },
    });
    expect(seen.map((points) => points.length)).toEqual([0, 0, 0, 1, 2]);
    expect(seen[4]).toEqual([
      { timestamp: 0, value: 5 },
      { timestamp: 60_000, value: 7 },
    ]);
  });

  it("measures the work served, the floor of cost, and the cost against it", () => {
    const trace = requestsTrace([0, 10, 20], [2, 3, 4]);
    const options = {
      trace,
      scaler: fixed(1),
      bounds: { minCapacity: 0, maxCapacity: 1 },
      initialDesired: 1,
    };
    const one = runSimulation({ ...options, tailSeconds: 60 });
    expect(one).toMatchObject({ processed: 3, workTaskSeconds: 9 });
    expect(one.workRatio).toBeCloseTo(one.taskSeconds / 9, 12);
    // Two messages at a time: the same work fills half the task-seconds.
    const two = runSimulation({ ...options, tailSeconds: 60, concurrency: 2 });
    expect(two.workTaskSeconds).toBe(4.5);
    const idle = runSimulation({ ...options, trace: countsTrace([0, 0]) });
    expect(idle).toMatchObject({ workTaskSeconds: 0, workRatio: null });
  });

  it("counts launches that replace a task stopped within 3 minutes", () => {
    // On for `period` ÷ 2 minutes, off for as long: each launch after the first follows a stop by half a period.
    const flapping = (periodMinutes: number): Scaler => {
      let k = 0;
      return {
        name: "flap",
        intervalSeconds: 60,
        step: () => (k++ % periodMinutes < periodMinutes / 2 ? 1 : 0),
      };
    };
    const trace = countsTrace(Array(3600).fill(0));
    const bounds = { minCapacity: 0, maxCapacity: 1 };
    const fast = runSimulation({ trace, scaler: flapping(4), bounds });
    expect(fast).toMatchObject({ launches: 15, relaunchesWithin3Min: 14 });
    expect(fast.relaunchesWithin3MinPct).toBeCloseTo((100 * 14) / 15, 12);
    const slow = runSimulation({ trace, scaler: flapping(8), bounds });
    expect(slow).toMatchObject({ launches: 8, relaunchesWithin3Min: 0, relaunchesWithin3MinPct: 0 });
  });

  it("scores a split run in two parts: the first reads as a run cut at the split", () => {
    const trace = countsTrace(Array.from({ length: 1200 }, (_, i) => (i % 300 < 100 ? 2 : 0.3)));
    const options = { trace, processingTimeSeconds: 0.8, sloSeconds: 20 };
    const split = run({ ...options, splitAtSeconds: 900 });
    const cut = run({ ...options, trace: cutTrace(trace, 0, 900) });
    const parts = split.parts;
    expect(parts?.splitAtMs).toBe(900_000);
    expect(parts?.tune).toEqual({
      messages: cut.messages,
      withinSloPct: cut.withinSloPct,
      p50WaitS: cut.p50WaitS,
      p99WaitS: cut.p99WaitS,
      maxWaitS: cut.maxWaitS,
      taskSeconds: cut.taskSeconds,
      workTaskSeconds: cut.workTaskSeconds,
      workRatio: cut.workRatio,
      launches: cut.launches,
      relaunchesWithin3Min: cut.relaunchesWithin3Min,
      relaunchesWithin3MinPct: cut.relaunchesWithin3MinPct,
    });
    const { tune, validate } = parts ?? {};
    expect((tune?.taskSeconds ?? 0) + (validate?.taskSeconds ?? 0)).toBeCloseTo(split.taskSeconds, 9);
    expect((tune?.messages ?? 0) + (validate?.messages ?? 0)).toBe(split.messages);
    expect((tune?.launches ?? 0) + (validate?.launches ?? 0)).toBe(split.launches);
    expect(validate?.messages).toBeGreaterThan(0);
    expect(run(options).parts).toBeUndefined();
  });

  it("serves ECS CPUUtilization to scalers: busy slots of running tasks, published late", () => {
    const seen: Datapoint[][] = [];
    const scaler: Scaler = {
      name: "cpu-watcher",
      intervalSeconds: 60,
      step: (view) => {
        seen.push(view.cloudwatch("CPUUtilization", 0));
        return undefined;
      },
    };
    // One message a second of 0.5 s on 2 tasks: a quarter of the slots busy on average.
    runSimulation({
      trace: countsTrace(Array(300).fill(1)),
      scaler,
      bounds: { minCapacity: 2, maxCapacity: 2 },
      processingTimeSeconds: 0.5,
    });
    expect(seen.map((points) => points.length)).toEqual([0, 0, 0, 1, 2]);
    for (const point of seen[4] ?? []) {
      expect(point.value).toBeGreaterThan(5);
      expect(point.value).toBeLessThan(50);
    }
  });

  it("reports progress and rejects bad bounds", () => {
    const progress: number[] = [];
    run({ scaler: fixed(undefined), onProgress: (p) => progress.push(p.simulatedSeconds / p.totalSeconds) });
    expect(progress.at(-1)).toBe(1);
    expect(() => run({ bounds: { minCapacity: 3, maxCapacity: 2 } })).toThrow("bounds");
  });
});

// Gantry's own chart history (issue K): the reconciler records what each full pass saw, cheaply.
import type { EcsPort, QueueDepth, SeriesStore, ServiceSnapshot, TargetConfigInput } from "@gantry/core";
import { VirtualClock } from "@gantry/testing";
import { configOf } from "@gantry/testing/sim-fixture";
import { describe, expect, it } from "vitest";
import { MemorySeriesStore, MemoryStateStore, RecordingEventsPort } from "../local-stack/index.ts";
import { createReconciler } from "../reconciler.ts";

const QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs";
const ID = "service/prod/jobs";
const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

const jobs: TargetConfigInput = {
  target: { id: ID, minCapacity: 1, maxCapacity: 20 },
  policies: [
    {
      name: "workers",
      type: "TargetTracking",
      targetValue: 100,
      metric: { sqsUtilization: { queueUrl: QUEUE, processingSeconds: 2, drainSeconds: 30 } },
    },
  ],
};

function world(series: SeriesStore, counted: string[] = [], warned: string[] = []) {
  const clock = new VirtualClock(T0);
  const store = new MemoryStateStore(clock);
  const service: ServiceSnapshot = {
    id: ID,
    desiredCount: 4,
    runningCount: 3,
    pendingCount: 1,
    deploymentInProgress: false,
  };
  let depth: QueueDepth = { visible: 30, inFlight: 2, delayed: 0 };
  const ecs: EcsPort = {
    describeServices: async () => ({ services: [{ ...service }], missing: [], failed: [] }),
    setDesiredCount: async () => {},
  };
  const reconciler = createReconciler({
    store,
    ecs,
    metrics: { getMetricData: async () => ({}) },
    queues: { getQueueDepth: async () => depth },
    events: new RecordingEventsPort(),
    series,
    clock,
    log: { info() {}, warn: (message) => warned.push(message), error() {} },
    telemetry: { record: (name) => counted.push(name) },
  });
  return {
    clock,
    service,
    store,
    setDepth: (d: QueueDepth) => {
      depth = d;
    },
    async pass() {
      await reconciler.reconcile({ deadline: clock.now() + 60_000 });
      clock.advance(15_000);
    },
    flush: () => reconciler.flushSeries?.(),
  };
}

describe("the series the reconciler records", () => {
  it("keeps a pass's counts, metric and backlog only when they move, written when the 5-minute window is over", async () => {
    const series = new MemorySeriesStore();
    const w = world(series);
    await w.store.putConfig(configOf(jobs), 0);
    await w.pass(); // 12:00:00 kept (first sight)
    await w.pass(); // 12:00:15 nothing moved
    w.service.runningCount = 4;
    w.service.pendingCount = 0;
    await w.pass(); // 12:00:30 a task started
    w.setDepth({ visible: 31, inFlight: 2, delayed: 0 });
    await w.pass(); // 12:00:45 backlog +1 of 30 (3 %), the metric with it: not worth a sample
    w.setDepth({ visible: 60, inFlight: 2, delayed: 0 });
    await w.pass(); // 12:01:00 backlog doubled: kept
    expect(series.writes).toBe(0); // the window is not over
    for (let i = 0; i < 16; i++) await w.pass(); // to 12:05:00
    expect(series.writes).toBe(1);
    const got = await series.readSamples(ID, { from: T0, to: T0 + 300_000 });
    // sqsUtilization's steady part: 100 × (inFlight + visible × 2 / 30) / running
    expect(got).toEqual([
      { at: T0, desired: 4, running: 3, pending: 1, metric: (100 * (2 + 2)) / 3, backlog: 30 },
      { at: T0 + 30_000, desired: 4, running: 4, pending: 0, metric: 100, backlog: 30 },
      { at: T0 + 60_000, desired: 4, running: 4, pending: 0, metric: (100 * (2 + 4)) / 4, backlog: 60 },
    ]);
  });

  it("when the tick returns, writes the window's samples if a count moved, else keeps them for the window", async () => {
    const series = new MemorySeriesStore();
    const w = world(series);
    await w.store.putConfig(configOf(jobs), 0);
    await w.pass(); // first sight: a count to show
    await w.flush();
    expect(series.writes).toBe(1);
    w.setDepth({ visible: 90, inFlight: 2, delayed: 0 });
    await w.pass(); // only the backlog moved
    await w.flush();
    expect(series.writes).toBe(1);
    w.service.desiredCount = 6;
    await w.pass();
    await w.flush();
    expect(series.writes).toBe(2);
    const got = await series.readSamples(ID, { from: T0, to: T0 + 60_000 });
    expect(got.map((s) => [s.desired, s.backlog])).toEqual([
      [4, 30],
      [4, 90],
      [6, 90],
    ]);
  });

  it("a pass does not wait for the window's writes; the tick's flush does", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const store = new MemorySeriesStore();
    const slow: SeriesStore = {
      appendSamples: async (...args) => {
        await held;
        await store.appendSamples(...args);
      },
      readSamples: (...args) => store.readSamples(...args),
    };
    const w = world(slow);
    await w.store.putConfig(configOf(jobs), 0);
    for (let i = 0; i < 21; i++) await w.pass(); // to 12:05:00: the 12:00 window is due, its write held
    expect(store.writes).toBe(0);
    let flushed = false;
    const flushing = w.flush()?.then(() => {
      flushed = true;
    });
    await Promise.resolve();
    expect(flushed).toBe(false);
    release();
    await flushing;
    expect(store.writes).toBe(1);
  });

  it("a failed write neither fails the pass nor goes unseen", async () => {
    const failing: SeriesStore = {
      appendSamples: async () => {
        throw new Error("throttled");
      },
      readSamples: async () => [],
    };
    const counted: string[] = [];
    const warned: string[] = [];
    const w = world(failing, counted, warned);
    await w.store.putConfig(configOf(jobs), 0);
    await w.pass();
    await expect(w.flush()).resolves.toBeUndefined();
    expect(counted).toContain("SeriesWriteFailures");
    expect(warned).toContain("series write failed");
  });
});

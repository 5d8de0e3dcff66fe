// Cost of a pass (DESIGN §4): CloudWatch targets at rest are not read, steady targets are not written, and a
// pass cut by its deadline is made up first by the next one.
import type {
  Datapoint,
  EcsPort,
  MetricQuery,
  MetricsPort,
  QueuePort,
  ServiceSnapshot,
  TargetConfigInput,
} from "@gantry/core";
import { VirtualClock } from "@gantry/testing";
import { configOf } from "@gantry/testing/sim-fixture";
import { describe, expect, it } from "vitest";
import { MemoryStateStore, RecordingAlarmPort, RecordingEventsPort } from "./local-stack/index.ts";
import { createReconciler } from "./reconciler.ts";

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const MINUTE = 60_000;
const QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs";

function world() {
  const clock = new VirtualClock(T0);
  const store = new MemoryStateStore(clock);
  const services = new Map<string, ServiceSnapshot>();
  const updates: [string, number][] = [];
  let ecsDelayMs = 0;
  const ecs: EcsPort = {
    describeServices: async (ids) => ({
      services: ids.map((id) => ({ ...(services.get(id) as ServiceSnapshot) })),
      missing: [],
      failed: [],
    }),
    setDesiredCount: async (id, count) => {
      updates.push([id, count]);
      Object.assign(services.get(id) as ServiceSnapshot, { desiredCount: count, runningCount: count });
      clock.advance(ecsDelayMs);
    },
  };
  const cpu = new Map<string, number>();
  /** Per GetMetricData call: the targets whose metrics it asked for. */
  const reads: string[][] = [];
  const metrics: MetricsPort = {
    getMetricData: async (queries, range) => {
      reads.push([...new Set(queries.map(serviceOf))]);
      return Object.fromEntries(queries.map((q) => [q.id, minutes(range, cpu.get(serviceOf(q)) ?? 0)]));
    },
  };
  let backlog = 0;
  const queues: QueuePort = { getQueueDepth: async () => ({ visible: backlog, inFlight: 0, delayed: 0 }) };
  const alarms = new RecordingAlarmPort();
  const events = new RecordingEventsPort();
  const reconciler = createReconciler({ store, ecs, metrics, queues, events, alarms, clock });
  return {
    clock,
    store,
    alarms,
    reads,
    updates,
    cpu,
    setBacklog: (n: number) => {
      backlog = n;
    },
    slowUpdates: (ms: number) => {
      ecsDelayMs = ms;
    },
    async add(config: TargetConfigInput, desired = 4) {
      const id = config.target.id;
      services.set(id, {
        id,
        desiredCount: desired,
        runningCount: desired,
        pendingCount: 0,
        deploymentInProgress: false,
      });
      await store.putConfig(configOf(config), 0);
    },
    service: (id: string) => services.get(id) as ServiceSnapshot,
    /** One full pass, then 15 s later. */
    async pass(options: { deadline?: number; targetConcurrency?: number } = {}) {
      const summary = await reconciler.reconcile({ deadline: clock.now() + 60_000, ...options });
      clock.advance(15_000);
      return summary;
    },
    alarmPass: (id: string, eventId: string) =>
      reconciler.reconcile({
        deadline: clock.now() + 60_000,
        targetIds: [id],
        trigger: { type: "alarm", eventId },
      }),
  };
}

/** `service/<cluster>/<service>` from the query's ECS dimensions. */
function serviceOf(query: MetricQuery): string {
  const value = (name: string) => query.stat?.dimensions.find((d) => d.name === name)?.value;
  return `service/${value("ClusterName")}/${value("ServiceName")}`;
}

/** One datapoint a minute, the newest two minutes old, all at `value`. */
function minutes(range: { start: number; end: number }, value: number): Datapoint[] {
  const points: Datapoint[] = [];
  for (let t = Math.ceil(range.start / MINUTE) * MINUTE; t <= range.end - 2 * MINUTE; t += MINUTE) {
    points.push({ timestamp: t, value });
  }
  return points;
}

const web = (name: string): TargetConfigInput => ({
  target: { id: `service/prod/${name}`, minCapacity: 1, maxCapacity: 20 },
  policies: [
    {
      name: "cpu",
      type: "TargetTracking",
      targetValue: 50,
      metric: { predefined: "ECSServiceAverageCPUUtilization" },
    },
  ],
});

describe("a CloudWatch target at rest", () => {
  it("is neither read nor decided once its scale-out alarm exists, until a scale-in could be due", async () => {
    const w = world();
    await w.add(web("web"));
    w.cpu.set("service/prod/web", 48);
    await w.pass(); // decided and written; its alarm is put
    const [alarm] = w.alarms.alarms.values();
    expect(alarm).toMatchObject({ threshold: 50, evaluationPeriods: 3, datapointsToAlarm: 3 });
    expect(alarm?.name).toMatch(/-web-cpu-out$/);
    await w.pass(); // read again, now known to be alarmed: at rest from here
    const writes = w.store.fake.count("putState");
    const readsBefore = w.reads.length;
    for (let i = 0; i < 40; i++) {
      const summary = await w.pass();
      expect(summary.outcomes[0]).toMatchObject({ status: "Unchanged", fromCapacity: 4, toCapacity: 4 });
    }
    // 40 passes are ten minutes; 15 datapoints within target are needed before a scale-in can hold.
    expect(w.reads.length).toBe(readsBefore);
    expect(w.store.fake.count("putState")).toBe(writes);
    for (let i = 0; i < 21; i++) await w.pass();
    expect(w.reads.length).toBe(readsBefore + 1);
  });

  it("is woken by a change of its desired count (not of its running tasks), and read in a request of its own", async () => {
    const w = world();
    await w.add(web("web"));
    await w.add(web("api"));
    w.cpu.set("service/prod/web", 48);
    w.cpu.set("service/prod/api", 48);
    await w.pass();
    await w.pass();
    const readsBefore = w.reads.length;
    await w.pass();
    expect(w.reads.length).toBe(readsBefore);
    w.service("service/prod/api").runningCount = 3;
    await w.pass();
    expect(w.reads.length).toBe(readsBefore);
    w.service("service/prod/api").desiredCount = 3;
    await w.pass();
    expect(w.reads.slice(readsBefore)).toEqual([["service/prod/api"]]);
  });

  it("is woken by the alarm handler: its pass reads and writes the target, and the tick reads it again", async () => {
    const w = world();
    await w.add(web("web"));
    w.cpu.set("service/prod/web", 48);
    await w.pass();
    await w.pass();
    const readsBefore = w.reads.length;
    w.cpu.set("service/prod/web", 90);
    await w.alarmPass("service/prod/web", "evt-1");
    expect(w.reads.length).toBe(readsBefore + 1);
    expect(w.updates).toEqual([["service/prod/web", 8]]);
    await w.pass();
    expect(w.reads.length).toBe(readsBefore + 2);
  });
});

describe("a steady target", () => {
  it("is written once, and carries its live run in memory until a scale-out, on time", async () => {
    const w = world();
    await w.add({
      target: { id: "service/prod/jobs", minCapacity: 1, maxCapacity: 20 },
      policies: [
        {
          name: "backlog",
          type: "TargetTracking",
          targetValue: 10,
          metric: { sqs: { queueUrl: QUEUE } },
          evaluation: { periodSeconds: 60, scaleOutDatapoints: 3 },
        },
      ],
    });
    w.setBacklog(38);
    for (let i = 0; i < 8; i++) await w.pass();
    expect(w.store.fake.count("putState")).toBe(1);
    w.setBacklog(60);
    let passes = 0;
    while (w.updates.length === 0 && passes < 20) {
      await w.pass();
      passes += 1;
    }
    // Three datapoints above target are two periods of samples: the ninth pass after the first breach.
    expect(passes).toBe(9);
    expect(w.updates).toEqual([["service/prod/jobs", 6]]);
  });

  it("is not written while a scale-in run lasts, and scales in on time: the run continues in memory", async () => {
    const w = world();
    await w.add({
      target: { id: "service/prod/jobs", minCapacity: 1, maxCapacity: 20 },
      policies: [
        {
          name: "backlog",
          type: "TargetTracking",
          targetValue: 10,
          metric: { sqs: { queueUrl: QUEUE } },
          scaleInCooldown: 0,
          evaluation: { periodSeconds: 60, scaleInDatapoints: 5 },
        },
      ],
    });
    w.setBacklog(8);
    let passes = 0;
    while (w.updates.length === 0 && passes < 30) {
      await w.pass();
      passes += 1;
    }
    // Five datapoints below 0.9 × target are four periods: the 17th pass. Stored samples two periods old would
    // restart the run; the one in memory carries it.
    expect(passes).toBe(17);
    expect(w.updates).toEqual([["service/prod/jobs", 1]]);
    expect(w.store.fake.count("putState")).toBe(3);
  });
});

describe("a pass cut by its deadline", () => {
  it("leaves the targets it skipped to go first in the next pass", async () => {
    const w = world();
    for (const name of ["a", "b", "c"]) {
      await w.add({
        target: { id: `service/prod/${name}`, minCapacity: 1, maxCapacity: 20 },
        policies: [
          {
            name: "backlog",
            type: "TargetTracking",
            targetValue: 10,
            metric: { sqs: { queueUrl: QUEUE } },
            scaleOutCooldown: 0,
            evaluation: { scaleOutDatapoints: 1 },
          },
        ],
      });
    }
    w.setBacklog(80);
    w.slowUpdates(10_000);
    const first = await w.pass({ deadline: w.clock.now() + 12_000, targetConcurrency: 1 });
    expect(first.outcomes.map((o) => o.status)).toEqual(["Successful", "Skipped", "Skipped"]);
    w.slowUpdates(0);
    await w.pass({ targetConcurrency: 1 });
    expect(w.updates.map(([id]) => id)).toEqual(["service/prod/a", "service/prod/b", "service/prod/c"]);
    w.setBacklog(200);
    w.slowUpdates(10_000);
    await w.pass({ deadline: w.clock.now() + 12_000, targetConcurrency: 1 });
    // The start stays at b: b is decided first, and the pass is cut again before a.
    expect(w.updates.map(([id]) => id).slice(3)).toEqual(["service/prod/b"]);
  });
});

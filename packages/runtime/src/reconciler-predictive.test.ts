import { type Datapoint, type MetricQuery, type MetricsPort, ThrottledError } from "@gantry/core";
import type { SimService } from "@gantry/sim";
import { configOf, START, simWorld, workerConfig } from "@gantry/testing/sim-fixture";
import { describe, expect, it } from "vitest";

const PERIOD = 300_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A recorded day, every day: 10 msg/s (3,000 per 5 minutes) from 11:00 to 13:00 UTC, 0.5 msg/s otherwise. START
 * is 12:00, so the forecast now is 10 msg/s while the queue is empty.
 */
function recordedSum(timestamp: number): number {
  const hour = Math.floor((timestamp % DAY) / HOUR);
  return hour === 11 || hour === 12 ? 3_000 : 150;
}

/** The simulated CloudWatch, except that NumberOfMessagesSent answers the recorded days (or fails when told). */
class RecordedMetrics {
  readonly historyCalls: { queries: readonly MetricQuery[]; range: { start: number; end: number } }[] = [];
  #failing = false;

  readonly sim: MetricsPort;

  constructor(sim: MetricsPort) {
    this.sim = sim;
  }

  failAll(): void {
    this.#failing = true;
  }

  async getMetricData(queries: readonly MetricQuery[], range: { start: number; end: number }) {
    if (!queries.some((q) => q.stat?.metricName === "NumberOfMessagesSent"))
      return this.sim.getMetricData(queries, range);
    this.historyCalls.push({ queries, range });
    if (this.#failing) throw new ThrottledError("Rate exceeded");
    const result: Record<string, Datapoint[]> = {};
    for (const q of queries) {
      const points: Datapoint[] = [];
      for (let t = range.start; t < range.end; t += PERIOD)
        points.push({ timestamp: t, value: recordedSum(t) });
      result[q.id] = points;
    }
    return result;
  }
}

function predictive(service: SimService) {
  const base = workerConfig(service, { minCapacity: 1, maxCapacity: 50 });
  return configOf({
    ...base,
    behavior: { startup: { taskStartSeconds: 60, predictive: { processingSeconds: 2 } } },
  });
}

function setup() {
  let port: RecordedMetrics | undefined;
  const world = simWorld(
    [
      { name: "forecast", initialDesired: 1 },
      { name: "plain", initialDesired: 1 },
    ],
    { metrics: (sim) => (port = new RecordedMetrics(sim) satisfies MetricsPort) },
  );
  const [forecast, plain] = world.services as [SimService, SimService];
  return { world, forecast, plain, port: port as RecordedMetrics };
}

describe("predictive pre-scaling in the reconciler", () => {
  it("scales a predictive target out from its recorded history, with its queue empty; the other target is not read", async () => {
    const { world, forecast, plain, port } = setup();
    await world.store.putConfig(predictive(forecast), 0);
    await world.store.putConfig(configOf(workerConfig(plain)), 0);

    const summary = await world.reconciler.reconcile({ deadline: world.deadline() });

    // 10 msg/s × 2 s per message = 20 busy tasks.
    expect(summary.outcomes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ targetId: forecast.id, action: "ScaleOut", toCapacity: 20 }),
        expect.objectContaining({ targetId: plain.id, status: "Unchanged", toCapacity: 1 }),
      ]),
    );
    expect(world.desired(forecast)).toBe(20);
    const [activity] = world.store.activitiesOf(forecast.id);
    expect(activity?.reasons.map((r) => r.code)).toContain("PredictiveScaleOut");
    expect(port.historyCalls).toHaveLength(1);
    expect(port.historyCalls[0]?.queries.map((q) => q.stat?.dimensions[0]?.value)).toEqual([
      forecast.queueName,
    ]);
  });

  it("reads the history once per 5 minutes across passes, not once per pass", async () => {
    const { world, forecast, port } = setup();
    await world.store.putConfig(predictive(forecast), 0);
    for (let pass = 0; pass < 21; pass++) {
      await world.reconciler.reconcile({ deadline: world.deadline() });
      world.account.advance(15_000);
    }
    // 21 passes over 5 minutes 15 s: the cold read at 12:00, then the last hour once 11:55–12:00 settled (12:03).
    expect(port.historyCalls.map((c) => (c.range.end - c.range.start) / PERIOD)).toEqual([4032, 12]);
  });

  it("an hour of 15-second passes requests 13 history metrics: the cold read and one per settled period", async () => {
    const { world, forecast, plain, port } = setup();
    await world.store.putConfig(predictive(forecast), 0);
    await world.store.putConfig(configOf(workerConfig(plain)), 0);
    for (let pass = 0; pass < 240; pass++) {
      await world.reconciler.reconcile({ deadline: world.deadline() });
      world.account.advance(15_000);
    }
    const metrics = port.historyCalls.reduce((sum, call) => sum + call.queries.length, 0);
    // GetMetricData bills per metric requested: 13 an hour is 13 × 720 h ÷ 1,000 × $0.01 ≈ $0.09 a month.
    expect(metrics).toBe(13);
  });

  it("a failed history read leaves the target deciding reactively: logged, counted, never Failed", async () => {
    const { world, forecast, port } = setup();
    await world.store.putConfig(predictive(forecast), 0);
    port.failAll();

    const summary = await world.reconciler.reconcile({ deadline: world.deadline() });

    expect(summary.outcomes).toEqual([
      expect.objectContaining({ targetId: forecast.id, status: "Unchanged", action: "None", toCapacity: 1 }),
    ]);
    expect(world.desired(forecast)).toBe(1);
    expect(world.logs).toContainEqual(
      expect.objectContaining({ level: "warn", message: "arrival history unread; deciding without it" }),
    );
    expect(world.metrics).toContainEqual({ name: "ArrivalHistoryFailures", value: 1 });
  });
});

describe("predictive pre-scaling over the simulated CloudWatch (gantry dev)", () => {
  it("reads the queue's NumberOfMessagesSent from the simulated account, per settled 5-minute period", async () => {
    const answers: Record<string, Datapoint[]>[] = [];
    const world = simWorld([{ name: "dev", initialDesired: 1 }], {
      metrics: (sim) => ({
        async getMetricData(queries, range) {
          const result = await sim.getMetricData(queries, range);
          if (queries.some((q) => q.stat?.metricName === "NumberOfMessagesSent")) answers.push(result);
          return result;
        },
      }),
    });
    const [dev] = world.services as [SimService];
    await world.store.putConfig(predictive(dev), 0);
    world.account.send(dev.queueUrl, 600);
    world.account.advance(10 * 60_000);

    await world.reconciler.reconcile({ deadline: world.deadline() });

    const sent = answers[0]?.h0 ?? [];
    expect(sent.reduce((sum, p) => sum + p.value, 0)).toBe(600);
    expect(sent.every((p) => p.timestamp % PERIOD === 0)).toBe(true);
    expect(START % PERIOD).toBe(0);
  });
});

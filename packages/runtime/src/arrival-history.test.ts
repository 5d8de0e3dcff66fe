import {
  type Datapoint,
  MAX_HISTORY_PERIODS,
  type MetricQuery,
  type MetricsPort,
  type TargetConfig,
  ThrottledError,
} from "@gantry/core";
import { configOf } from "@gantry/testing/sim-fixture";
import { describe, expect, it } from "vitest";
import { ArrivalHistories, merged, REFRESH_MS, RETRY_MS, SETTLE_MS } from "./arrival-history.ts";
import type { ReconcileLogger } from "./reconciler-types.ts";

const PERIOD = 300_000;
/** On a 5-minute boundary plus the settle delay, so the newest settled period ends at END. */
const END = Date.UTC(2026, 0, 5, 12, 0, 0);
const NOW = END + SETTLE_MS;

/** Answers each query with 60 messages per 5 minutes (0.2 msg/s) at every period start; records the calls. */
class FakeMetrics {
  readonly calls: { queries: readonly MetricQuery[]; range: { start: number; end: number } }[] = [];
  #fail: Error | undefined;
  unanswered = new Set<string>();

  failNext(error: Error): void {
    this.#fail = error;
  }

  async getMetricData(queries: readonly MetricQuery[], range: { start: number; end: number }) {
    this.calls.push({ queries, range });
    const error = this.#fail;
    this.#fail = undefined;
    if (error) throw error;
    const result: Record<string, Datapoint[]> = {};
    for (const q of queries) {
      if (this.unanswered.has(q.id)) continue;
      const points: Datapoint[] = [];
      for (let t = range.start; t < range.end; t += PERIOD) points.push({ timestamp: t, value: 60 });
      result[q.id] = points;
    }
    return result;
  }
}

function target(name: string, predictive: boolean): TargetConfig {
  return configOf({
    target: { id: `service/c/${name}`, minCapacity: 0, maxCapacity: 50 },
    policies: [
      {
        name: "backlog",
        type: "TargetTracking",
        targetValue: 10,
        metric: { sqs: { queueUrl: `https://sqs.eu-west-1.amazonaws.com/123456789012/${name}-q` } },
      },
    ],
    ...(predictive && {
      behavior: { startup: { taskStartSeconds: 60, predictive: { processingSeconds: 2 } } },
    }),
  });
}

function setup() {
  const port = new FakeMetrics() satisfies MetricsPort;
  const warnings: Record<string, unknown>[] = [];
  const counted: [string, number][] = [];
  const log: ReconcileLogger = { info() {}, warn: (_m, f) => warnings.push(f ?? {}), error() {} };
  const out = { log, telemetry: { record: (name: string, value: number) => counted.push([name, value]) } };
  const histories = new ArrivalHistories();
  const configs = [target("plain", false), target("forecast", true)];
  const read = (now: number) => histories.read(configs, port, now, out);
  return { port, warnings, counted, histories, configs, read };
}

describe("ArrivalHistories", () => {
  it("reads only opted-in targets: their queue's NumberOfMessagesSent Sum per 5 minutes over 14 days", async () => {
    const { port, read } = setup();
    const result = await read(NOW);
    expect(port.calls).toHaveLength(1);
    const [call] = port.calls;
    expect(call?.range).toEqual({ start: END - MAX_HISTORY_PERIODS * PERIOD, end: END });
    expect(call?.queries).toEqual([
      {
        id: "h0",
        stat: {
          namespace: "AWS/SQS",
          metricName: "NumberOfMessagesSent",
          dimensions: [{ name: "QueueName", value: "forecast-q" }],
          statistic: "Sum",
        },
        periodSeconds: 300,
        returnData: true,
      },
    ]);
    expect([...result.keys()]).toEqual(["service/c/forecast"]);
    const history = result.get("service/c/forecast");
    expect(history?.startAt).toBe(END - MAX_HISTORY_PERIODS * PERIOD);
    expect(history?.arrivals).toHaveLength(MAX_HISTORY_PERIODS);
    expect(history?.arrivals.every((rate) => rate === 0.2)).toBe(true);
  });

  it("serves the cache between refreshes, then re-reads only the last hour and slides the window", async () => {
    const { port, read } = setup();
    await read(NOW);
    const cached = await read(NOW + REFRESH_MS - 1);
    expect(port.calls).toHaveLength(1);
    expect(cached.get("service/c/forecast")?.arrivals).toHaveLength(MAX_HISTORY_PERIODS);

    const refreshed = await read(NOW + REFRESH_MS);
    expect(port.calls).toHaveLength(2);
    expect(port.calls[1]?.range).toEqual({ start: END + PERIOD - 12 * PERIOD, end: END + PERIOD });
    const history = refreshed.get("service/c/forecast");
    expect(history?.startAt).toBe(END + PERIOD - MAX_HISTORY_PERIODS * PERIOD);
    expect(history?.arrivals).toHaveLength(MAX_HISTORY_PERIODS);
    expect(history?.arrivals.at(-1)).toBe(0.2);
  });

  it("refreshes when the next period settles, whenever in the period the last read was", async () => {
    const { port, read } = setup();
    await read(NOW + 4 * 60_000);
    await read(NOW + REFRESH_MS - 1);
    expect(port.calls).toHaveLength(1);
    await read(NOW + REFRESH_MS);
    expect(port.calls).toHaveLength(2);
  });

  it("a failed read is logged and counted, the target gets no history, and it is retried a minute later", async () => {
    const { port, read, warnings, counted } = setup();
    port.failNext(new ThrottledError("Rate exceeded"));
    expect((await read(NOW)).size).toBe(0);
    expect(warnings).toEqual([
      { targetId: "service/c/forecast", error: expect.stringContaining("Rate exceeded") },
    ]);
    expect(counted).toContainEqual(["ArrivalHistoryFailures", 1]);

    expect((await read(NOW + RETRY_MS - 1)).size).toBe(0);
    expect(port.calls).toHaveLength(1);
    const retried = await read(NOW + RETRY_MS);
    expect(port.calls).toHaveLength(2);
    expect(retried.get("service/c/forecast")?.arrivals).toHaveLength(MAX_HISTORY_PERIODS);
  });

  it("a query CloudWatch did not answer fails its own target only", async () => {
    const { port, histories, warnings } = setup();
    port.unanswered.add("h0");
    const configs = [target("a", true), target("b", true)];
    const out = {
      log: {
        info() {},
        warn: (_m: string, f?: Record<string, unknown>) => warnings.push(f ?? {}),
        error() {},
      },
    };
    const result = await histories.read(configs, port, NOW, out);
    expect([...result.keys()]).toEqual(["service/c/b"]);
    expect(warnings.map((w) => w.targetId)).toEqual(["service/c/a"]);
  });

  it("forgets a target that opted out, and reads it whole again when it opts back in", async () => {
    const { port, histories } = setup();
    const out = { log: { info() {}, warn() {}, error() {} } };
    await histories.read([target("x", true)], port, NOW, out);
    await histories.read([target("x", false)], port, NOW + 1, out);
    expect(port.calls).toHaveLength(1);
    await histories.read([target("x", true)], port, NOW + 2, out);
    expect(port.calls).toHaveLength(2);
    expect(port.calls[1]?.range.start).toBe(END - MAX_HISTORY_PERIODS * PERIOD);
  });
});

describe("merged", () => {
  it("replaces the re-read periods (a late datapoint corrects an earlier zero) and keeps the older ones", () => {
    const old = { startAt: 0, arrivals: [1, 1, 0, 0] };
    const next = merged(old, { start: 2 * PERIOD, end: 5 * PERIOD }, [
      { timestamp: 2 * PERIOD, value: 600 },
      { timestamp: 4 * PERIOD, value: 300 },
    ]);
    expect(next).toEqual({ startAt: 0, arrivals: [1, 1, 2, 0, 1] });
  });
});

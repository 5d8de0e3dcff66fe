import "@gantry/testing/test-env";
import type { MetricQuery, MetricsPort } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { apiWorld, expectErrorShape, START, snapshot, workerConfig } from "./support/api-world.ts";

const PATH = "/targets/prod/worker/simulate";
const MINUTE = 60_000;
const DAY = 86_400_000;

/** CloudWatch's NumberOfMessagesSent for queue `jobs`: `perMinute` messages in every minute it has data for. */
function recordedArrivals(perMinute: (minuteStart: number) => number) {
  const calls: { queries: readonly MetricQuery[]; range: { start: number; end: number } }[] = [];
  const port: MetricsPort = {
    async getMetricData(queries, range) {
      calls.push({ queries, range });
      const points = [];
      for (let t = range.start; t < range.end; t += MINUTE) {
        const value = perMinute(t);
        if (value > 0) points.push({ timestamp: t, value }); // CloudWatch omits minutes with no data
      }
      return { sent: points };
    },
  };
  return { port, calls };
}

async function worldWith(metricData?: MetricsPort) {
  const world = apiWorld(metricData ? { metricData } : {});
  await world.seed(workerConfig());
  return world;
}

describe("POST simulate on the target's recorded history", () => {
  it("replays the queue's messages sent per minute over the last day by default", async () => {
    const arrivals = recordedArrivals((t) => ((t / MINUTE) % 60 === 0 ? 120 : 3));
    const world = await worldWith(arrivals.port);
    const started = await world.call({ method: "POST", path: PATH, body: { history: {} } });
    expect(started.status).toBe(202);
    const reply = await world.poll(started.headers.location ?? "");
    expect(arrivals.calls).toHaveLength(1);
    const [{ queries, range } = { queries: [], range: { start: 0, end: 0 } }] = arrivals.calls;
    expect(range).toEqual({ start: START - DAY, end: START });
    expect(queries[0]?.stat).toEqual({
      namespace: "AWS/SQS",
      metricName: "NumberOfMessagesSent",
      dimensions: [{ name: "QueueName", value: "jobs" }],
      statistic: "Sum",
    });
    expect(queries[0]?.periodSeconds).toBe(60);
    // 1,440 minutes: 24 of them top-of-the-hour bursts of 120, the rest 3 each.
    expect(reply.body.report).toMatchObject({
      scaler: "gantry",
      trace: "history:jobs",
      messages: 24 * 120 + 1416 * 3,
    });
    expect(reply.body.report.withinSloPct).toBeGreaterThan(0);
  });

  it("takes a window as epoch ms or ISO-8601, rounded down to the minute", async () => {
    const arrivals = recordedArrivals(() => 5);
    const world = await worldWith(arrivals.port);
    const from = new Date(START - 2 * 3_600_000 + 30_000).toISOString();
    const started = await world.call({
      method: "POST",
      path: PATH,
      body: { history: { from, to: START - 3_600_000 } },
    });
    expect(started.status).toBe(202);
    const reply = await world.poll(started.headers.location ?? "");
    expect(arrivals.calls[0]?.range).toEqual({ start: START - 2 * 3_600_000, end: START - 3_600_000 });
    expect(reply.body.report.messages).toBe(60 * 5);
  });

  it.each([
    [{ history: { to: START + MINUTE } }, "history.to"],
    [{ history: { from: START - MINUTE, to: START - MINUTE } }, "history.from"],
    [{ history: { from: START - 15 * DAY } }, "history.from"],
    [{ history: { from: "yesterday" } }, "history.from"],
    [{ history: {}, trace: { format: "counts", csv: "time,count\n0,1" } }, "trace"],
    [{}, "trace"],
  ])("rejects %j with 400 naming %s, changing nothing", async (body, field) => {
    const arrivals = recordedArrivals(() => 5);
    const world = await worldWith(arrivals.port);
    const before = await snapshot(world);
    const reply = await world.call({ method: "POST", path: PATH, body });
    expect(reply.status).toBe(400);
    expect(expectErrorShape(reply).field).toBe(field);
    expect(await snapshot(world)).toBe(before);
  });

  it("answers 400 naming history when the queue recorded nothing in the window", async () => {
    const world = await worldWith(recordedArrivals(() => 0).port);
    const reply = await world.call({ method: "POST", path: PATH, body: { history: {} } });
    expect(reply.status).toBe(400);
    const error = expectErrorShape(reply);
    expect(error.field).toBe("history");
    expect(error.message).toContain("queue jobs recorded no messages");
  });

  it("answers 502 when CloudWatch cannot answer the query, rather than calling the queue idle", async () => {
    const forbidden: MetricsPort = { getMetricData: async () => ({}) };
    const world = await worldWith(forbidden);
    const reply = await world.call({ method: "POST", path: PATH, body: { history: {} } });
    expect(reply.status).toBe(502);
    expect(expectErrorShape(reply)).toMatchObject({
      code: "UpstreamFailed",
      message: expect.stringContaining("NumberOfMessagesSent of queue jobs"),
    });
  });

  it("answers 501 NotConfigured without a metrics source", async () => {
    const world = await worldWith();
    const reply = await world.call({ method: "POST", path: PATH, body: { history: {} } });
    expect(reply.status).toBe(501);
    expect(expectErrorShape(reply).code).toBe("NotConfigured");
  });
});

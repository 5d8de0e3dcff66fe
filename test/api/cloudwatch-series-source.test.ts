import type { Datapoint, MetricQuery, MetricsPort } from "@gantry/core";
import { MemoryStateStore } from "@gantry/runtime/local-stack";
import { createCloudWatchSeriesSource } from "@gantry/runtime/operator";
import { describe, expect, it } from "vitest";
import { CPU_POLICY, QUEUE_URL, START, STEP_POLICY, workerConfig } from "./support/api-world.ts";

const ID = "service/prod/worker";
const RANGE = { from: START - 600_000, to: START, periodSeconds: 300 };

function fakeMetrics(data: Record<string, Datapoint[]>) {
  const calls: { queries: readonly MetricQuery[]; range: { start: number; end: number } }[] = [];
  const port: MetricsPort = {
    async getMetricData(queries, range) {
      calls.push({ queries, range });
      return data;
    },
  };
  return { port, calls };
}

async function sourceFor(config = workerConfig(), data: Record<string, Datapoint[]> = {}) {
  const store = new MemoryStateStore();
  await store.putConfig(config as never, 0);
  const metrics = fakeMetrics(data);
  return { series: createCloudWatchSeriesSource({ store, metrics: metrics.port }), calls: metrics.calls };
}

describe("the CloudWatch series source", () => {
  it("reads Container Insights task counts, the queue's visible messages and the backlog per task in one call", async () => {
    const { series, calls } = await sourceFor();
    await series(ID, RANGE);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.range).toEqual({ start: RANGE.from, end: RANGE.to });
    const byId = new Map(calls[0]?.queries.map((q) => [q.id, q]));
    const service = [
      { name: "ClusterName", value: "prod" },
      { name: "ServiceName", value: "worker" },
    ];
    expect(byId.get("desired")).toEqual({
      id: "desired",
      stat: {
        namespace: "ECS/ContainerInsights",
        metricName: "DesiredTaskCount",
        dimensions: service,
        statistic: "Average",
      },
      periodSeconds: 300,
      returnData: true,
    });
    expect(byId.get("running")?.stat?.metricName).toBe("RunningTaskCount");
    expect(byId.get("backlog")?.stat).toMatchObject({
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: [{ name: "QueueName", value: QUEUE_URL.split("/").at(-1) }],
    });
    expect(byId.get("metric")?.expression).toBe("(sqsVisible + sqsInFlight) / running");
    expect(calls[0]?.queries.every((q) => q.periodSeconds === 300)).toBe(true);
  });

  it("queries a CloudWatch policy as the reconciler does", async () => {
    const { series, calls } = await sourceFor({ ...workerConfig(), policies: [CPU_POLICY] });
    await series(ID, RANGE);
    const metric = calls[0]?.queries.find((q) => q.id === "metric");
    expect(metric?.stat).toMatchObject({ namespace: "AWS/ECS", metricName: "CPUUtilization" });
    expect(calls[0]?.queries.some((q) => q.id === "backlog")).toBe(false);
  });

  it("merges the series by timestamp, oldest first, with the policy's target", async () => {
    const t0 = RANGE.from;
    const t1 = RANGE.from + 300_000;
    const data = {
      desired: [
        { timestamp: t0, value: 2 },
        { timestamp: t1, value: 3 },
      ],
      running: [{ timestamp: t1, value: 3 }],
      metric: [{ timestamp: t0, value: 70 }],
    };
    const { series } = await sourceFor({ ...workerConfig(), policies: [STEP_POLICY] }, data);
    expect(await series(ID, RANGE)).toEqual([
      { at: t0, desired: 2, running: null, metric: 70, target: 50, backlog: null },
      { at: t1, desired: 3, running: 3, metric: null, target: 50, backlog: null },
    ]);
  });

  it("throws NotFound for an unknown target", async () => {
    const { series } = await sourceFor();
    await expect(series("service/prod/nope", RANGE)).rejects.toMatchObject({ code: "NotFound" });
  });
});

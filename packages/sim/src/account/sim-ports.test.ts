import { type MetricQuery, NotFoundError, ValidationError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { SimAccount } from "./sim-account.ts";
import { createSimPorts } from "./sim-ports.ts";

function setup() {
  const account = new SimAccount({ attributeLagSeconds: 0, startMs: 1_700_000_040_000 });
  const a = account.addService({ name: "a", cluster: "c1", initialDesired: 1 });
  const b = account.addService({ name: "b", cluster: "c1", queueName: "b-queue" });
  return { account, a, b, ports: createSimPorts(account) };
}

function sqsQuery(id: string, queueName: string, statistic = "Average", periodSeconds = 60): MetricQuery {
  const dimensions = [{ name: "QueueName", value: queueName }];
  const stat = {
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions,
    statistic,
  };
  return { id, stat, periodSeconds, returnData: true };
}

describe("sim EcsPort", () => {
  it("describes several services and lists unknown ids as missing", async () => {
    const { ports, a, b } = setup();
    const { services, missing } = await ports.ecs.describeServices([a.id, "service/c1/nope", b.id]);
    expect(services.map((s) => [s.id, s.desiredCount, s.runningCount])).toEqual([
      ["service/c1/a", 1, 1],
      ["service/c1/b", 0, 0],
    ]);
    expect(missing).toEqual(["service/c1/nope"]);
  });

  it("fails the ids of a cluster that does not exist, as ECS's ClusterNotFoundException, and only those", async () => {
    const { ports, a } = setup();
    const result = await ports.ecs.describeServices([a.id, "service/nowhere/x", "service/c1/nope", "bad"]);
    expect(result.services.map((s) => s.id)).toEqual([a.id]);
    expect(result.missing).toEqual(["service/c1/nope"]);
    expect(result.failed.map((f) => [f.id, f.error.code])).toEqual([
      ["service/nowhere/x", "NotFound"],
      ["bad", "ValidationError"],
    ]);
    expect(result.failed[0]?.error.message).toContain("ECS cluster nowhere does not exist");
  });

  it("sets desired counts, and rejects unknown services", async () => {
    const { ports, b } = setup();
    await ports.ecs.setDesiredCount(b.id, 2);
    expect(b.snapshot()).toMatchObject({ desiredCount: 2, pendingCount: 2 });
    await expect(ports.ecs.setDesiredCount("service/c1/x", 1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(ports.ecs.setDesiredCount(b.id, -1)).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("sim QueuePort and Clock", () => {
  it("reads a queue by URL, NotFoundError otherwise, at the virtual time", async () => {
    const { ports, account, b } = setup();
    account.send(b.queueUrl, 4);
    expect(b.queueUrl).toBe("https://sqs.us-east-1.amazonaws.com/000000000000/b-queue");
    expect(await ports.queue.getQueueDepth(b.queueUrl)).toEqual({ visible: 4, inFlight: 0, delayed: 0 });
    await expect(ports.queue.getQueueDepth("https://sqs/nope")).rejects.toBeInstanceOf(NotFoundError);
    account.advance(1500);
    expect(ports.clock.now()).toBe(1_700_000_041_500);
  });
});

describe("sim MetricsPort", () => {
  it("answers SQS and ECS queries from the delayed datapoints", async () => {
    const { ports, account, a, b } = setup();
    account.send(b.queueUrl, 6);
    account.advance(5 * 60_000);
    const ecs = {
      id: "tasks",
      stat: {
        namespace: "ECS/ContainerInsights",
        metricName: "RunningTaskCount",
        dimensions: [
          { name: "ClusterName", value: "c1" },
          { name: "ServiceName", value: "a" },
        ],
        statistic: "Average",
      },
      periodSeconds: 60,
      returnData: true,
    };
    const range = { start: 0, end: account.now() };
    const data = await ports.metrics.getMetricData(
      [sqsQuery("q", "b-queue"), ecs, sqsQuery("x", "other")],
      range,
    );
    const minute = 1_700_000_040_000;
    expect(data.q).toEqual([
      { timestamp: minute, value: 6 },
      { timestamp: minute + 60_000, value: 6 },
      { timestamp: minute + 120_000, value: 6 },
    ]);
    expect(data.tasks?.map((d) => d.value)).toEqual([1, 1, 1]);
    expect(data.x).toEqual([]);
    expect(a.id).toBe("service/c1/a");
  });

  it("aggregates periods, skips inputs and math, and rejects bad statistics", async () => {
    const { ports, account, b } = setup();
    account.send(b.queueUrl, 6);
    account.advance(10 * 60_000);
    const range = { start: 0, end: account.now() };
    const hidden = { ...sqsQuery("hidden", "b-queue"), returnData: false };
    const math = { id: "m", expression: "hidden * 2", periodSeconds: 60, returnData: true };
    const data = await ports.metrics.getMetricData(
      [sqsQuery("p", "b-queue", "SampleCount", 300), hidden, math],
      range,
    );
    expect(Object.keys(data).sort()).toEqual(["m", "p"]);
    expect(data.m).toEqual([]);
    // Periods align to the epoch: the start is the last minute of a 5-minute period; 8 minutes are published.
    expect(data.p?.map((d) => d.value)).toEqual([60, 300, 120]);
    await expect(ports.metrics.getMetricData([sqsQuery("bad", "b-queue", "p99")], range)).rejects.toThrow(
      ValidationError,
    );
  });
});

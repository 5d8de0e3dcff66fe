import { describe, expect, it } from "vitest";
import { SimAccount } from "./sim-account.ts";
import { createSimPorts } from "./sim-ports.ts";

const START = 1_700_000_040_000;

function cpuQuery(service: string, namespace = "AWS/ECS") {
  const dimensions = [
    { name: "ClusterName", value: "sim" },
    { name: "ServiceName", value: service },
  ];
  return {
    id: "cpu",
    stat: { namespace, metricName: "CPUUtilization", dimensions, statistic: "Average" },
    periodSeconds: 60,
    returnData: true,
  };
}

describe("ECS CPUUtilization", () => {
  it("is busy slots ÷ running slots, published a delay after the minute", async () => {
    const account = new SimAccount({ startMs: START, cloudwatchDelaySeconds: 60 });
    const web = account.addService({ name: "web", initialDesired: 2, processingTimeSeconds: 600 });
    account.send(web.queueUrl, 1);
    const ports = createSimPorts(account);
    const read = async () =>
      (await ports.metrics.getMetricData([cpuQuery("web")], { start: START - 600_000, end: account.now() }))
        .cpu;
    account.advance(60_000);
    expect(await read()).toEqual([]);
    account.advance(120_000);
    const points = (await read()) ?? [];
    expect(points.length).toBeGreaterThan(0);
    expect(points.at(-1)?.value).toBeCloseTo(50);
  });

  it("has no datapoints without running tasks, nor under another namespace", async () => {
    const account = new SimAccount({ startMs: START, cloudwatchDelaySeconds: 0 });
    account.addService({ name: "idle" });
    account.addService({ name: "up", initialDesired: 1 });
    account.advance(300_000);
    const ports = createSimPorts(account);
    const range = { start: START - 60_000, end: account.now() };
    const idle = await ports.metrics.getMetricData([cpuQuery("idle")], range);
    const other = await ports.metrics.getMetricData([cpuQuery("up", "ECS/ContainerInsights")], range);
    const up = await ports.metrics.getMetricData([cpuQuery("up")], range);
    expect(idle.cpu).toEqual([]);
    expect(other.cpu).toEqual([]);
    expect(up.cpu?.every((p) => p.value === 0)).toBe(true);
    expect(up.cpu?.length).toBeGreaterThan(2);
  });
});

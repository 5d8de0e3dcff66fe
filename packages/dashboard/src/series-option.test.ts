import { describe, expect, it } from "vitest";
import type { SeriesResponse } from "./api-types.ts";
import { seriesOption } from "./series-option.ts";
import { makeActivity, makeView } from "./test-fixtures.ts";

const MINUTE = 60_000;
const point = (at: number, metric: number) => ({
  at,
  desired: 4,
  running: 3,
  pending: 1,
  metric,
  target: 220,
  backlog: 10,
});
const series = (metrics: number[]): SeriesResponse => ({
  targetId: "service/demo/web",
  from: 0,
  to: 60 * MINUTE,
  periodSeconds: 60,
  points: metrics.map((m, i) => point((i + 1) * MINUTE, m)),
});
const all = { start: 0, end: 100 };

const cpu = makeView({
  policies: [
    {
      name: "cpu",
      type: "TargetTracking",
      targetValue: 50,
      metric: { predefined: "ECSServiceAverageCPUUtilization" },
    },
  ] as never,
});
const worker = makeView({
  policies: [
    {
      name: "workers",
      type: "TargetTracking",
      targetValue: 220,
      metric: { sqsUtilization: { queueUrl: "https://sqs.local/1/q", processingSeconds: 1 } },
    },
  ] as never,
});

type Axis = { name?: string; min?: number; max?: number };

describe("target chart option", () => {
  it("a service without a queue has no backlog axis; units on every axis; time axes end at now", () => {
    const option = seriesOption(series([10, 20]), [], cpu, all);
    expect((option.yAxis as Axis[]).map((a) => a.name)).toEqual(["tasks", "CPU (%)"]);
    expect((option.xAxis as Axis[]).map((a) => [a.min, a.max])).toEqual([
      [0, 60 * MINUTE],
      [0, 60 * MINUTE],
    ]);
  });

  it("a worker charts its backlog in messages and its utilization in %", () => {
    const option = seriesOption(series([100, 4000]), [], worker, all);
    expect((option.yAxis as Axis[]).map((a) => a.name)).toEqual([
      "tasks",
      "worker utilization (%)",
      "backlog (messages)",
    ]);
  });

  it("the target is a labelled line, and the axis reaches it when the load stays below", () => {
    const low = seriesOption(series([10, 20]), [], worker, all);
    const metric = (low.series as { markLine?: { data: unknown[]; label: { formatter: string } } }[])[3];
    expect(metric?.markLine?.data).toEqual([{ yAxis: 220 }]);
    expect(metric?.markLine?.label.formatter).toBe("target 220 %");
    expect((low.yAxis as Axis[])[1]?.max).toBe(264);
    const high = seriesOption(series([100, 4000]), [], worker, all);
    expect((high.yAxis as Axis[])[1]?.max).toBeUndefined();
  });

  it("marks the range's scaling events and failures, not holds or events outside it", () => {
    const activities = [
      makeActivity(30 * MINUTE, { action: "ScaleIn" }),
      makeActivity(20 * MINUTE, { action: "None" }),
      makeActivity(10 * MINUTE, { action: "None", status: "Failed", statusMessage: "Throttled" }),
      makeActivity(70 * MINUTE),
    ];
    const option = seriesOption(series([1]), activities, cpu, all);
    const desired = (option.series as { markLine: { data: { xAxis: number }[] } }[])[0];
    expect(desired?.markLine.data.map((d) => d.xAxis)).toEqual([30 * MINUTE, 10 * MINUTE]);
  });

  it("draws desired, running and pending tasks as held steps on the tasks axis", () => {
    const option = seriesOption(series([1, 2]), [], cpu, all);
    const lines = option.series as { name: string; step?: string; yAxisIndex: number; data: unknown[] }[];
    const tasks = lines.filter((l) => l.yAxisIndex === 0);
    expect(tasks.map((l) => [l.name, l.step])).toEqual([
      ["desired", "end"],
      ["running", "end"],
      ["pending", "end"],
    ]);
    expect(tasks[2]?.data).toEqual([
      [MINUTE, 1],
      [2 * MINUTE, 1],
    ]);
  });

  it("keeps the zoom it is given", () => {
    const option = seriesOption(series([1]), [], cpu, { start: 40, end: 90 });
    expect(option.dataZoom).toEqual([
      expect.objectContaining({ type: "inside", start: 40, end: 90 }),
      expect.objectContaining({ type: "slider", start: 40, end: 90 }),
    ]);
  });
});

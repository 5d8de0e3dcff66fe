import type { Datapoint, MetricsPort, SeriesSample, TargetConfigInput } from "@gantry/core";
import { configOf } from "@gantry/testing/sim-fixture";
import { describe, expect, it } from "vitest";
import { MemorySeriesStore, MemoryStateStore } from "../local-stack/index.ts";
import { createRecordedSeriesSource, recordedPoints } from "./recorded-series.ts";
import { MAX_SERIES_POINTS } from "./series-source.ts";

const T0 = Date.UTC(2027, 0, 4, 12, 0, 0);
const RANGE = { from: T0, to: T0 + 10 * 60_000, periodSeconds: 60 };
const s = (at: number, desired: number, extra: Partial<SeriesSample> = {}): SeriesSample => ({
  at,
  desired,
  running: desired - 1,
  pending: 1,
  ...extra,
});

describe("recordedPoints", () => {
  it("draws each sample at its own time, what held before the window at its start, and ends at its end", () => {
    const points = recordedPoints(
      [s(T0 - 120_000, 2, { metric: 50, backlog: 4 }), s(T0 + 15_000, 3), s(T0 + 30_000, 3, { backlog: 9 })],
      undefined,
      70,
      RANGE,
    );
    expect(points).toEqual([
      { at: T0, desired: 2, running: 1, pending: 1, metric: 50, target: 70, backlog: 4 },
      { at: T0 + 15_000, desired: 3, running: 2, pending: 1, metric: 50, target: 70, backlog: 4 },
      { at: T0 + 30_000, desired: 3, running: 2, pending: 1, metric: 50, target: 70, backlog: 9 },
      { at: RANGE.to, desired: 3, running: 2, pending: 1, metric: 50, target: 70, backlog: 9 },
    ]);
  });

  it("reads nothing as null before the first sample; a CloudWatch metric replaces the samples' own", () => {
    const cloudWatch: Datapoint[] = [{ timestamp: T0 + 60_000, value: 33 }];
    const points = recordedPoints([s(T0 + 90_000, 5, { metric: 99 })], cloudWatch, null, RANGE);
    expect(points.map((p) => [p.at - T0, p.desired, p.metric])).toEqual([
      [0, null, null],
      [60_000, null, 33],
      [90_000, 5, 33],
      [600_000, 5, 33],
    ]);
  });

  it("over the point budget, one point per period with the values holding at its end", () => {
    const many = Array.from({ length: 3 * MAX_SERIES_POINTS }, (_, i) =>
      s(T0 + i * 100, 2 + Math.floor(i / 600)),
    );
    const points = recordedPoints(many, undefined, null, { from: T0, to: T0 + 600_000, periodSeconds: 60 });
    expect(points).toHaveLength(11);
    expect(points[1]).toMatchObject({ at: T0 + 60_000, desired: 3 });
  });
});

describe("the recorded series source", () => {
  const web: TargetConfigInput = {
    target: { id: "service/prod/web", minCapacity: 1, maxCapacity: 10 },
    policies: [
      {
        name: "cpu",
        type: "TargetTracking",
        targetValue: 60,
        metric: { predefined: "ECSServiceAverageCPUUtilization" },
      },
    ],
  };

  it("asks CloudWatch only for a CloudWatch-backed metric, never for task counts", async () => {
    const store = new MemoryStateStore();
    await store.putConfig(configOf(web), 0);
    const series = new MemorySeriesStore();
    await series.appendSamples("service/prod/web", T0, [s(T0 + 1_000, 4)]);
    const asked: string[] = [];
    const metrics: MetricsPort = {
      getMetricData: async (queries) => {
        asked.push(...queries.map((q) => `${q.stat?.namespace}/${q.stat?.metricName}`));
        return { metric: [{ timestamp: T0 + 60_000, value: 41 }] };
      },
    };
    const points = await createRecordedSeriesSource({ store, series, metrics })("service/prod/web", RANGE);
    expect(asked).toEqual(["AWS/ECS/CPUUtilization"]);
    expect(points.at(-1)).toMatchObject({ desired: 4, running: 3, pending: 1, metric: 41, target: 60 });
  });
});

import { describe, expect, it } from "vitest";
import type { CapacitySeriesResponse } from "./api-types.ts";
import { capacityOption } from "./capacity-option.ts";
import { makeActivity } from "./test-fixtures.ts";

const series: CapacitySeriesResponse = {
  name: "workers",
  from: 100,
  to: 400,
  periodSeconds: 60,
  points: [
    { at: 100, desired: 2, inService: 2, pending: 0, draining: 0, protected: 1 },
    { at: 200, desired: 5, inService: 2, pending: 3, draining: 0, protected: 1 },
    { at: 400, desired: 5, inService: 4, pending: 1, draining: 1, protected: 1 },
  ],
};

describe("capacity group chart", () => {
  it("draws desired, in service, pending, draining and protected instances as held steps", () => {
    const option = capacityOption(series, [], { start: 0, end: 100 });
    const lines = option.series as { name: string; step: string; data: [number, number][] }[];
    expect(lines.map((l) => [l.name, l.step])).toEqual([
      ["desired", "end"],
      ["in service", "end"],
      ["pending", "end"],
      ["draining", "end"],
      ["protected", "end"],
    ]);
    expect(lines[2]?.data).toEqual([
      [100, 0],
      [200, 3],
      [400, 1],
    ]);
  });

  it("the axis runs from the range's start to now, in instances, Gantry's changes and failures marked", () => {
    const out = makeActivity(200, { fromCapacity: 2, toCapacity: 5 });
    const failed = makeActivity(300, { fromCapacity: 5, toCapacity: 8, status: "Failed" });
    const before = makeActivity(50, { fromCapacity: 1, toCapacity: 2 });
    const option = capacityOption(series, [failed, out, before], { start: 0, end: 100 });
    const xAxis = option.xAxis as { min: number; max: number }[];
    expect([xAxis[0]?.min, xAxis[0]?.max]).toEqual([100, 400]);
    expect((option.yAxis as { name: string }[])[0]?.name).toBe("instances");
    const desired = (
      option.series as { markLine: { data: { xAxis: number; lineStyle: { type: string } }[] } }[]
    )[0];
    expect(desired?.markLine.data.map((d) => [d.xAxis, d.lineStyle.type])).toEqual([
      [300, "dotted"],
      [200, "dashed"],
    ]);
  });
});

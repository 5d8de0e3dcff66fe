import { describe, expect, it } from "vitest";
import { capacityOption, instanceSteps } from "./capacity-option.ts";
import { makeActivity } from "./test-fixtures.ts";

describe("capacity group chart", () => {
  const older = makeActivity(50, { fromCapacity: 1, toCapacity: 2 });
  const out = makeActivity(200, { fromCapacity: 2, toCapacity: 5 });
  const failed = makeActivity(300, { fromCapacity: 5, toCapacity: 8, status: "Failed" });

  it("starts where the last change before the range left the group, steps at each change, holds to now", () => {
    expect(instanceSteps([failed, out, older], 100, 400)).toEqual([
      [100, 2],
      [200, 5],
      [300, 5], // the failed change left 5
      [400, 5],
    ]);
  });

  it("without an earlier change, starts from the first change's old size; nothing to draw without any", () => {
    expect(instanceSteps([out], 100, 400)).toEqual([
      [100, 2],
      [200, 5],
      [400, 5],
    ]);
    expect(instanceSteps([], 100, 400)).toEqual([]);
  });

  it("the axis runs from the range's start to now, in instances, a failure marked", () => {
    const option = capacityOption([failed, out], 100, 400, { start: 0, end: 100 });
    const xAxis = option.xAxis as { min: number; max: number }[];
    expect([xAxis[0]?.min, xAxis[0]?.max]).toEqual([100, 400]);
    expect(option.yAxis).toEqual([expect.objectContaining({ name: "instances" })]);
    const series = (option.series as { markLine: { data: { lineStyle: { type: string } }[] } }[])[0];
    expect(series?.markLine.data.map((d) => d.lineStyle.type)).toEqual(["dotted", "dashed"]);
  });
});

import { describe, expect, it } from "vitest";
import { downsampleMinMax, thinActions } from "./downsample.ts";

describe("downsampleMinMax", () => {
  it("keeps a short series whole", () => {
    expect(downsampleMinMax([3, 1, 2], 4)).toEqual([
      [0, 3],
      [1, 1],
      [2, 2],
    ]);
  });

  it("keeps at most maxPoints points, in index order, with every spike and trough", () => {
    const values = Array.from({ length: 100_000 }, (_, i) => Math.sin(i / 500) + 1);
    values[12_345] = 1000;
    values[77_777] = -5;
    const points = downsampleMinMax(values, 2000);
    expect(points.length).toBeLessThanOrEqual(2000);
    expect(points.length).toBeGreaterThan(1000);
    const indices = points.map(([i]) => i);
    expect(indices).toEqual([...indices].sort((a, b) => a - b));
    expect(points).toContainEqual([12_345, 1000]);
    expect(points).toContainEqual([77_777, -5]);
    for (const [i, v] of points) expect(values[i]).toBe(v);
  });

  it("gives one point per run where the run is flat", () => {
    expect(downsampleMinMax(Array(10).fill(7), 4)).toEqual([
      [0, 7],
      [5, 7],
    ]);
  });

  it("refuses fewer than 2 points", () => {
    expect(() => downsampleMinMax([1, 2, 3], 1)).toThrow(RangeError);
  });
});

describe("thinActions", () => {
  const action = (at: number, from: number, to: number) => ({ at, from, to });

  it("keeps few actions as they are", () => {
    const actions = [action(0, 1, 2), action(60, 2, 1)];
    expect(thinActions(actions, 10)).toEqual(actions);
  });

  it("keeps the largest scale-out and scale-in of each span, in time order", () => {
    const actions = [
      action(0, 1, 2),
      action(10, 2, 9),
      action(20, 9, 8),
      action(30, 8, 3),
      action(100, 3, 4),
      action(110, 4, 5),
    ];
    expect(thinActions(actions, 4)).toEqual([action(10, 2, 9), action(30, 8, 3), action(100, 3, 4)]);
  });

  it("bounds the markers of thousands of actions", () => {
    const actions = Array.from({ length: 10_000 }, (_, i) => action(i * 15_000, i % 7, (i + 1) % 7));
    const kept = thinActions(actions, 400);
    expect(kept.length).toBeLessThanOrEqual(400);
    expect(kept.length).toBeGreaterThan(300);
  });
});

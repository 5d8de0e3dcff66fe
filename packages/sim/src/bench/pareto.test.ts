import { describe, expect, it } from "vitest";
import { frontierDominates, paretoFrontier } from "./pareto.ts";

const p = (withinSloPct: number, workRatio: number | null) => ({ withinSloPct, workRatio });

describe("paretoFrontier", () => {
  it("keeps the points nothing beats, cheapest first", () => {
    const points = [p(90, 1.1), p(99, 1.5), p(95, 1.6), p(99.9, 2), p(80, 1.2), p(90, 1.1), p(50, null)];
    expect(paretoFrontier(points)).toEqual([p(90, 1.1), p(99, 1.5), p(99.9, 2)]);
  });

  it("keeps an unprocessed run only when nothing else exists", () => {
    expect(paretoFrontier([p(0, null)])).toEqual([p(0, null)]);
  });
});

describe("frontierDominates", () => {
  it("holds when each of the other's points is matched at least as well on both axes", () => {
    const gantry = [p(97, 1.1), p(99.6, 1.2)];
    expect(frontierDominates(gantry, [p(96, 1.1), p(99.6, 1.5)])).toBe(true);
    expect(frontierDominates(gantry, [p(99.7, 1.5)])).toBe(false);
    expect(frontierDominates(gantry, [p(90, 1.05)])).toBe(false);
    expect(frontierDominates(gantry, [])).toBe(true);
  });
});

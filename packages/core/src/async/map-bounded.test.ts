import { describe, expect, it } from "vitest";
import { mapBounded } from "./map-bounded.ts";

describe("mapBounded", () => {
  it("keeps input order whatever the completion order", async () => {
    const delays = [30, 5, 20, 1, 10];
    const result = await mapBounded(delays, 2, async (ms, index) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return index;
    });
    expect(result).toEqual([0, 1, 2, 3, 4]);
  });

  it("stops taking items after a failure and rejects with it", async () => {
    const started: number[] = [];
    const run = mapBounded([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (n === 2) throw new Error("boom");
      return n;
    });
    await expect(run).rejects.toThrow("boom");
    expect(started.length).toBeLessThan(6);
  });

  it("handles no items", async () => {
    expect(await mapBounded([], 4, async (n: number) => n)).toEqual([]);
  });
});

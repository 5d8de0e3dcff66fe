import { describe, expect, it } from "vitest";
import { burstiness } from "./burstiness.ts";

const perSecond = (counts: number[]) => Float64Array.from(counts);

describe("burstiness", () => {
  it("reads 1 everywhere on a steady trace, with no correlation", () => {
    const b = burstiness(perSecond(Array(100).fill(2)), 10, 20, [0.5, 0.99]);
    expect(b.windows).toBe(8); // windows from 20 s to 90 s
    expect([...b.quantiles.values()]).toEqual([1, 1]);
    expect(b.lagOneCorrelation).toBe(0);
  });

  it("scores a window against the trailing period's mean rate", () => {
    // 1 a second for 20 s, then a window of 30 in 10 s: 3× what the trailing 20 s predict.
    const b = burstiness(perSecond([...Array(20).fill(1), ...Array(10).fill(3), 1]), 10, 20, [0]);
    expect(b.windows).toBe(1);
    expect(b.quantiles.get(0)).toBe(3);
  });

  it("sees bursts that follow each other as correlated", () => {
    const counts = [...Array(20).fill(1)];
    for (let i = 0; i < 40; i++) counts.push(...Array(10).fill(i % 4 < 2 ? 3 : 1));
    expect(burstiness(perSecond(counts), 10, 20, [0.5]).lagOneCorrelation).toBeGreaterThan(0);
  });
});

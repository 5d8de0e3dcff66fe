import { describe, expect, it } from "vitest";
import { createPrng, streamSeed } from "./prng.ts";

const draws = (seed: number, n: number): number[] => {
  const random = createPrng(seed);
  return Array.from({ length: n }, () => random());
};

describe("createPrng", () => {
  it("repeats a seed's sequence and stays in [0, 1)", () => {
    expect(draws(42, 100)).toEqual(draws(42, 100));
    expect(draws(42, 1000).every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("differs between seeds and streams", () => {
    expect(draws(1, 5)).not.toEqual(draws(2, 5));
    expect(streamSeed(7, 0)).not.toBe(streamSeed(7, 1));
    expect(streamSeed(7, 0)).not.toBe(streamSeed(7 + 2 ** 32, 0));
  });

  it("is roughly uniform", () => {
    const mean = draws(3, 10_000).reduce((a, b) => a + b, 0) / 10_000;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});

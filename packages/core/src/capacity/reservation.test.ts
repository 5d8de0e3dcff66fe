import { describe, expect, it } from "vitest";
import { capacityProviderReservation, withSpare } from "./reservation.ts";

describe("capacityProviderReservation [AWS]", () => {
  it.each([
    [0, 0, 100],
    [3, 0, 200],
    [0, 4, 0],
    [4, 4, 100],
    [5, 4, 125],
    [2, 3, 66.67],
  ])("M = %i, N = %i → %d", (needed, running, reservation) => {
    expect(capacityProviderReservation(needed, running)).toBe(reservation);
  });
});

describe("withSpare: instances so that tasks use targetCapacity %", () => {
  it.each([
    [4, 100, 4],
    [4, 80, 5],
    [3, 80, 4],
    [0, 50, 0],
    [7, 1, 700],
  ])("%i needed at %i percent → %i", (needed, target, desired) => {
    expect(withSpare(needed, target)).toBe(desired);
  });
});

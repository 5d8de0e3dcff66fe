import { describe, expect, it } from "vitest";
import { type PlacementHook, placementByService } from "./placement.ts";

describe("placementByService", () => {
  it("asks a service's own hook, and places every other service at once (Fargate)", () => {
    const calls: string[] = [];
    const full: PlacementHook = {
      tryPlace: (id) => {
        calls.push(`place ${id}`);
        return false;
      },
      release: (id) => {
        calls.push(`release ${id}`);
      },
    };
    const placement = placementByService({ worker: full });
    expect(placement.tryPlace("worker", 0)).toBe(false);
    expect(placement.tryPlace("web", 0)).toBe(true);
    placement.release("worker", 1);
    placement.release("web", 1);
    expect(calls).toEqual(["place worker", "release worker"]);
  });
});

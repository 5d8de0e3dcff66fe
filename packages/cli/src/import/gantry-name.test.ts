import { describe, expect, it } from "vitest";
import { gantryName } from "./gantry-name.ts";

describe("gantryName", () => {
  it("keeps safe names and makes the others URL-safe and unique", () => {
    const taken = new Set<string>();
    expect(gantryName("cpu-tracking_v2.1", taken)).toBe("cpu-tracking_v2.1");
    expect(gantryName("evening down", taken)).toBe("evening-down");
    expect(gantryName("evening  down!", taken)).toBe("evening-down-2");
    expect(gantryName("@@@", taken)).toBe("imported");
    expect(gantryName("x".repeat(300), taken)).toHaveLength(256);
  });
});

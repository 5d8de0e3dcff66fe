import { describe, expect, it } from "vitest";
import { nodeOptionsFor, parseMemoryMb, vcpuShare } from "./lambda-sizing.ts";

describe("lambda sizing", () => {
  it("bounds V8's heap inside the function's memory", () => {
    expect(nodeOptionsFor(512)).toBe("--max-old-space-size=307 --max-semi-space-size=16");
    expect(nodeOptionsFor(128)).toBe("--max-old-space-size=76 --max-semi-space-size=4");
    // The young generation stops growing at 32 MB semi-spaces, whatever the memory.
    expect(nodeOptionsFor(4096)).toBe("--max-old-space-size=2457 --max-semi-space-size=32");
    for (const memory of [128, 512, 1769, 10_240]) {
      const [old, semi] = nodeOptionsFor(memory).match(/\d+/g)?.map(Number) ?? [];
      expect((old as number) + 3 * (semi as number)).toBeLessThan(memory * 0.8);
    }
  });

  it("gives one vCPU at 1,769 MB and a share in proportion below", () => {
    expect(vcpuShare(1_769)).toBe(1);
    expect(vcpuShare(3_008)).toBe(1);
    expect(vcpuShare(512)).toBeCloseTo(0.289, 3);
  });

  it("reads a memory size, or names the setting and the reason", () => {
    expect(parseMemoryMb("1769", "GANTRY_TICK_MEMORY_MB")).toBe(1769);
    expect(parseMemoryMb(" 512 ", "GANTRY_TICK_MEMORY_MB")).toBe(512);
    for (const bad of ["", "abc", "1.5", "-512", "64", "10241", "1e3"])
      expect(() => parseMemoryMb(bad, "GANTRY_TICK_MEMORY_MB")).toThrow(
        `GANTRY_TICK_MEMORY_MB must be a whole number of MB from 128 to 10240; got "${bad}"`,
      );
  });
});

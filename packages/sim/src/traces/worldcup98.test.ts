import { describe, expect, it } from "vitest";
import { fixture, thrown } from "./fixtures/thrown.ts";
import { parseWorldCup98, readWorldCup98 } from "./worldcup98.ts";

describe("readWorldCup98", () => {
  it("reads per-minute counts from the folder, the missing minute as 0", () => {
    const trace = readWorldCup98(fixture("worldcup98-per-minute"));
    expect(trace.name).toBe("worldcup98-per-minute");
    expect(trace.bucketSeconds).toBe(60);
    expect([...trace.counts]).toEqual([2, 11, 0, 16, 4]);
    expect(trace.startTime).toBe("1998-04-30T21:30:00Z");
  });

  it("rejects another header and a bad count by line", () => {
    expect(thrown(() => parseWorldCup98("time,count\n0,1\n60,1\n", "wc.csv")).message).toMatch(
      /wc.csv:1: expected header "period,count"/,
    );
    const text = "period,count\n1998-04-30 21:30:00,2\n1998-04-30 21:31:00,lots\n";
    expect(thrown(() => parseWorldCup98(text, "wc.csv")).field).toBe("wc.csv:3");
  });
});

import { describe, expect, it } from "vitest";
import { fixture, thrown } from "./fixtures/thrown.ts";
import { parseRequestsCsv, readRequestsCsv } from "./requests-csv.ts";

describe("parseRequestsCsv", () => {
  it("reads arrivals and durations in seconds, binned per second", () => {
    const trace = readRequestsCsv(fixture("requests-with-durations.csv"));
    expect(trace.bucketSeconds).toBe(1);
    expect([...(trace.requests?.arrivals ?? [])]).toEqual([0, 0.5, 3, 3]);
    expect([...(trace.requests?.durations ?? [])]).toEqual([1.5, 2, 0.25, 4]);
    expect([...trace.counts]).toEqual([2, 0, 0, 2]);
    expect(trace.startTime).toBeUndefined();
  });

  it("takes ISO times relative to the first one, floored to the second, and sorts them", () => {
    const text = "time\n2024-01-01T00:00:02.5Z\n2024-01-01T00:00:00.25Z\n2024-01-01T00:00:01Z\n";
    const trace = parseRequestsCsv(text);
    expect(trace.startTime).toBe("2024-01-01T00:00:00Z");
    expect([...(trace.requests?.arrivals ?? [])]).toEqual([0.25, 1, 2.5]);
    expect(trace.requests?.durations).toBeUndefined();
    expect([...trace.counts]).toEqual([1, 1, 1]);
  });

  it("keeps each duration with its request when sorting", () => {
    const trace = parseRequestsCsv("time,duration_s\n5,50\n1,10\n3,30\n");
    expect([...(trace.requests?.durations ?? [])]).toEqual([10, 30, 50]);
  });

  it("names the line of a bad row", () => {
    const bad = (text: string) => thrown(() => parseRequestsCsv(text, "r.csv"));
    expect(bad("time,duration_s\n1,2\n2,x\n").message).toBe(
      'r.csv:3: duration "x" is not a non-negative number',
    );
    expect(bad("time\n2024-01-01T00:00:00Z\n2024-01-32T00:00:00Z\n").field).toBe("r.csv:3");
    expect(bad("time,duration\n1,2\n").message).toMatch(/r.csv:1: expected header "time,duration_s"/);
    expect(bad("time\n").message).toMatch(/no requests/);
  });
});

import { describe, expect, it } from "vitest";
import { parseCountsCsv, readCountsCsv } from "./counts-csv.ts";
import { fixture, thrown } from "./fixtures/thrown.ts";

describe("parseCountsCsv", () => {
  it("reads per-minute ISO rows, filling missing minutes with 0", () => {
    const trace = readCountsCsv(fixture("counts-per-minute.csv"));
    expect(trace.bucketSeconds).toBe(60);
    expect([...trace.counts]).toEqual([5, 7, 0, 2.5]);
    expect(trace.startTime).toBe("2024-01-01T00:00:00Z");
    expect(trace.name).toBe("counts-per-minute");
    expect(trace.requests).toBeUndefined();
  });

  it("reads per-second rows in seconds from the start (time 0), CRLF and a BOM included", () => {
    const trace = parseCountsCsv("\uFEFFtime,count\r\n2,1\r\n3,4\r\n5,1\r\n\r\n");
    expect(trace.bucketSeconds).toBe(1);
    expect([...trace.counts]).toEqual([0, 0, 1, 4, 0, 1]);
    expect(trace.startTime).toBeUndefined();
  });

  it("names the line of a bad row", () => {
    const bad = (text: string) => thrown(() => parseCountsCsv(text, "x.csv"));
    expect(bad("time,count\n0,1\n60,-3\n").message).toBe('x.csv:3: count "-3" is not a non-negative number');
    expect(bad("time,count\n0,1\n60,2\n60,2\n").field).toBe("x.csv:4");
    expect(bad("time,count\n0,1\n2024-01-01,2\n").message).toMatch(/x.csv:3: time .* seconds from the start/);
    expect(bad("time,count\n0,1\n60\n").message).toMatch(/x.csv:3: expected 2 fields/);
    expect(bad("time,count\n0,1\n60,1\n90,1\n").message).toMatch(/x.csv:4: rows are 30 s apart/);
    expect(bad("time,count\n0,1\n60,1\n150,1\n").message).toMatch(/x.csv:4: time is not on the 60 s grid/);
    expect(bad("time,count\n0,1\n120,1\n").message).toMatch(/expected steps of 1 s or 60 s/);
  });

  it("rejects a wrong header and too few rows", () => {
    expect(thrown(() => parseCountsCsv("t,c\n0,1\n1,1\n", "y.csv")).message).toMatch(
      /y.csv:1: expected header "time,count"/,
    );
    expect(thrown(() => parseCountsCsv("time,count\n0,1\n")).message).toMatch(/at least 2 rows/);
    expect(thrown(() => parseCountsCsv("")).message).toMatch(/empty/);
  });
});

import { describe, expect, it } from "vitest";
import { fixture, thrown } from "./fixtures/thrown.ts";
import { parseNasaHttp, readNasaHttp, scanIntegers } from "./nasa-http.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("scanIntegers", () => {
  it("reads integers separated by any whitespace", () => {
    expect([...scanIntegers(bytes("1 0  12\n3\t40\r\n"), "w")]).toEqual([1, 0, 12, 3, 40]);
    expect([...scanIntegers(bytes(""), "w")]).toEqual([]);
  });

  it("names the position of a stray character", () => {
    const error = thrown(() => scanIntegers(bytes("1 2 -3"), "w.txt"));
    expect(error.message).toMatch(/^w.txt: byte 4 \(value #3\) is "-"/);
    expect(error.field).toBe("w.txt");
  });
});

describe("readNasaHttp", () => {
  it("reads per-second counts from 1995-07-01 00:00 -04:00", () => {
    const trace = readNasaHttp(fixture("nasa-http-1995-per-second"));
    expect(trace.name).toBe("nasa-http-1995-per-second");
    expect(trace.bucketSeconds).toBe(1);
    expect([...trace.counts]).toEqual([1, 0, 0, 3, 0, 2, 1]);
    expect(trace.startTime).toBe("1995-07-01T04:00:00Z");
    expect(trace.clockJumps).toEqual([]); // too short to reach the August splice
  });

  it("rejects an empty file", () => {
    expect(thrown(() => parseNasaHttp(bytes(" \n"), "e.txt")).message).toBe("e.txt: no values");
  });
});

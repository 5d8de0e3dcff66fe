import { describe, expect, it } from "vitest";
import { fixture, thrown } from "./fixtures/thrown.ts";
import { type LoadTraceOptions, loadTrace } from "./load-trace.ts";
import { totalCount } from "./trace.ts";

describe("loadTrace", () => {
  it("detects the format and reads each kind of fixture", () => {
    expect(loadTrace(fixture("counts-per-minute.csv")).bucketSeconds).toBe(60);
    expect(loadTrace(fixture("requests-with-durations.csv")).requests?.arrivals.length).toBe(4);
    expect(loadTrace(fixture("worldcup98-per-minute")).name).toBe("worldcup98-per-minute");
    expect(loadTrace(fixture("alibaba-genai-lora-requests")).requests?.arrivals.length).toBe(4);
    expect(loadTrace(fixture("nasa-http-1995-per-second/workload.txt")).counts.length).toBe(7);
    expect(loadTrace(fixture("azure-functions-2019"), { function: "12345678" }).name).toBe(
      "azure-functions-2019:12345678",
    );
  });

  it("honours an explicit format over the detected one", () => {
    const trace = loadTrace(fixture("sniff/worldcup-sample.csv"), { format: "worldcup98-per-minute" });
    expect(totalCount(trace)).toBe(33);
    expect(
      thrown(() => loadTrace(fixture("sniff/worldcup-sample.csv"), { format: "counts" })).message,
    ).toMatch(/:1: expected header "time,count"/);
  });

  it("slices, then scales, the same way for every format", () => {
    const counts = loadTrace(fixture("worldcup98-per-minute"), {
      from: "1m",
      to: "1998-04-30 21:34",
      scale: 2,
    });
    expect([...counts.counts]).toEqual([22, 0, 32]);
    expect(counts.description).toMatch(/; slice 1m to 4m from the start \(.*\); scale ×2$/);
    const requests = loadTrace(fixture("alibaba-genai-lora-requests"), { from: 1, to: "12s", scale: 3 });
    expect([...(requests.requests?.arrivals ?? [])]).toEqual([1, 1, 1, 10, 10, 10]);
    expect([...(requests.requests?.durations ?? [])]).toEqual([20, 20, 20, 21, 21, 21]);
  });

  it("is reproducible for a seed", () => {
    const options = { scale: 2.5, seed: 5 };
    const a = loadTrace(fixture("requests-with-durations.csv"), options);
    expect(a.requests).toEqual(loadTrace(fixture("requests-with-durations.csv"), options).requests);
  });

  it("names the bad option", () => {
    const field = (options: Record<string, unknown>, path = "counts-per-minute.csv") =>
      thrown(() => loadTrace(fixture(path), options as LoadTraceOptions)).field;
    expect(field({ fom: 60 })).toBe("fom");
    expect(field({ format: "csv" })).toBe("format");
    expect(field({ scale: 0 })).toBe("scale");
    expect(field({ scale: "2" })).toBe("scale");
    expect(field({ seed: 0.5 })).toBe("seed");
    expect(field({ from: true })).toBe("from");
    expect(field({ to: "soon" })).toBe("to");
    expect(field({ function: "sum" })).toBe("function");
    expect(field({ function: 12345678 }, "azure-functions-2019")).toBe("function");
    expect(thrown(() => loadTrace(fixture("missing.csv"))).field).toBe("path");
  });
});

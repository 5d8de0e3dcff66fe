// The real public traces in shared/traces (beside the repository, as in CI), checked against SOURCE.txt.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type LoadTraceOptions, loadTrace } from "./load-trace.ts";
import { offsetOfInstant } from "./slice.ts";
import { type Trace, totalCount } from "./trace.ts";

const shared = (name: string) =>
  fileURLToPath(new URL(`../../../../../shared/traces/${name}`, import.meta.url));

/** Loads a shared trace and reports how long it took. */
function timedLoad(name: string, options: LoadTraceOptions = {}): Trace {
  const started = performance.now();
  const trace = loadTrace(shared(name), options);
  console.log(`${name}: loaded in ${(performance.now() - started).toFixed(0)} ms`);
  return trace;
}

const sum = (values: Float64Array) => values.reduce((a, b) => a + b, 0);
const max = (values: Float64Array) => values.reduce((a, b) => Math.max(a, b), 0);

describe("worldcup98-per-minute", () => {
  const trace = timedLoad("worldcup98-per-minute");

  it("holds 1,352,804,107 requests over 125,300 minutes plus 10 missing ones", () => {
    expect(trace.bucketSeconds).toBe(60);
    expect(totalCount(trace)).toBe(1_352_804_107);
    expect(trace.counts.length).toBe(125_310);
    expect(trace.startTime).toBe("1998-04-30T21:30:00Z");
    expect(trace.counts.filter((c) => c === 0).length).toBeGreaterThanOrEqual(10);
  });

  it("peaks at 229,426 requests in 1998-07-07 21:41", () => {
    expect(max(trace.counts)).toBe(229_426);
    expect(trace.counts.indexOf(229_426)).toBe(offsetOfInstant(trace, Date.UTC(1998, 6, 7, 21, 41)) / 60);
  });

  it("cuts a calendar day exactly and doubles with scale 2", () => {
    const day = loadTrace(shared("worldcup98-per-minute"), {
      from: "1998-06-10",
      to: "1998-06-11",
      scale: 2,
    });
    expect(day.counts.length).toBe(1440);
    expect(totalCount(day)).toBe(2 * 52_291_414);
    expect(day.startTime).toBe("1998-06-10T00:00:00Z");
  });
});

describe("alibaba-genai-lora-requests", () => {
  const trace = timedLoad("alibaba-genai-lora-requests");

  it("holds 26,823 requests of any status over 23 days, with their exec times", () => {
    expect(trace.requests?.arrivals.length).toBe(26_823);
    expect(totalCount(trace)).toBe(26_823);
    expect(trace.startTime).toBe("2024-11-15T16:57:50Z");
    expect(trace.requests?.arrivals.at(-1)).toBe(1_989_367); // 2024-12-08 17:33:57
    expect(max(trace.requests?.durations ?? new Float64Array())).toBe(567);
    expect(sum(trace.requests?.durations ?? new Float64Array())).toBe(768_899);
  });

  it("cuts a day and scales reproducibly", () => {
    const day = loadTrace(shared("alibaba-genai-lora-requests"), { from: "2024-11-20", to: "2024-11-21" });
    expect(day.requests?.arrivals.length).toBe(1114);
    const options = { from: "2024-11-20", to: "2024-11-21", scale: 1.5, seed: 3 };
    const a = loadTrace(shared("alibaba-genai-lora-requests"), options);
    const b = loadTrace(shared("alibaba-genai-lora-requests"), options);
    expect(a.requests).toEqual(b.requests);
    expect(Math.abs(totalCount(a) / (1.5 * 1114) - 1)).toBeLessThan(0.05);
    expect(totalCount(loadTrace(shared("alibaba-genai-lora-requests"), { scale: 2 }))).toBe(2 * 26_823);
  });
});

describe("nasa-http-1995-per-second", () => {
  const trace = timedLoad("nasa-http-1995-per-second");

  it("holds 5,059,950 seconds of requests from 1995-07-01 00:00 -04:00", () => {
    expect(trace.counts.length).toBe(5_059_950);
    expect(totalCount(trace)).toBe(3_461_610);
    expect(max(trace.counts)).toBe(20);
    expect(trace.startTime).toBe("1995-07-01T04:00:00Z");
  });

  it("places the zero-filled Aug 1–3 outage where the July→August splice says", () => {
    const outage = loadTrace(shared("nasa-http-1995-per-second"), {
      from: "1995-08-01T14:52:00-04:00",
      to: "1995-08-03T04:36:00-04:00",
    });
    expect(outage.counts.length).toBe(135_840);
    expect(totalCount(outage)).toBe(0);
    expect(trace.counts[offsetOfInstant(trace, Date.parse("1995-08-01T14:52:00-04:00")) - 1]).toBeGreaterThan(
      0,
    );
  });

  it("parses in about a second or less", () => {
    const started = performance.now();
    loadTrace(shared("nasa-http-1995-per-second"));
    expect(performance.now() - started).toBeLessThan(5000); // lenient: CI machines vary
  });
});

describe("azure-functions-2019", () => {
  const trace = timedLoad("azure-functions-2019");

  it("sums 250 functions over 480 minutes", () => {
    expect(trace.bucketSeconds).toBe(60);
    expect(trace.counts.length).toBe(480);
    expect(trace.description).toMatch(/sum of all 250 functions; minutes 480–959 \(08:00–16:00\)/);
    // SOURCE.txt's ~6,300/min is the 500-function sample; this folder keeps every other row of it.
    expect(totalCount(trace) / 480).toBeCloseTo(1856.3625, 4);
    expect(Math.min(...trace.counts)).toBe(1556);
    expect(max(trace.counts)).toBe(2697);
    expect(trace.processingTimeSeconds).toBeCloseTo(0.5395, 4);
  });

  it("picks one function by prefix, with its Average duration", () => {
    const one = loadTrace(shared("azure-functions-2019"), { function: "7f295710" });
    expect(one.processingTimeSeconds).toBe(0.626);
    expect(one.name).toBe("azure-functions-2019:7f295710");
    expect(totalCount(loadTrace(shared("azure-functions-2019"), { scale: 2 }))).toBe(2 * totalCount(trace));
  });
});

import { describe, expect, it } from "vitest";
import { parseAzureFunctions, readAzureFunctions } from "./azure-functions.ts";
import { fixture, thrown } from "./fixtures/thrown.ts";

const folder = fixture("azure-functions-2019");
const A = `abcdef01${"1".repeat(56)}`;
const C = `12345678${"3".repeat(56)}`;

describe("readAzureFunctions", () => {
  it("sums all functions by default, with the invocation-weighted mean Average as processing time", () => {
    const trace = readAzureFunctions(folder);
    expect(trace.name).toBe("azure-functions-2019");
    expect(trace.bucketSeconds).toBe(60);
    expect([...trace.counts]).toEqual([1, 3, 2, 2]);
    // A: 4 invocations × 0.2 s, B: 4 × 1 s, C: none.
    expect(trace.processingTimeSeconds).toBeCloseTo(0.6, 12);
    expect(trace.startTime).toBeUndefined();
    expect(trace.description).toMatch(/sum of all 3 functions; minutes 480–483 \(08:00–08:04\)/);
  });

  it("picks one function by full hash or unique prefix, with its own Average", () => {
    const byPrefix = readAzureFunctions(folder, { function: "ABCDEF011" });
    expect([...byPrefix.counts]).toEqual([1, 0, 2, 1]);
    expect(byPrefix.processingTimeSeconds).toBe(0.2);
    expect(byPrefix.name).toBe("azure-functions-2019:abcdef01");
    expect(byPrefix.description).toContain(`function ${A} (http trigger)`);
    expect([...readAzureFunctions(folder, { function: A }).counts]).toEqual([1, 0, 2, 1]);
    // Never invoked in the window: its Average still applies.
    expect(readAzureFunctions(folder, { function: C }).processingTimeSeconds).toBe(0.05);
  });

  it("explains a function that is ambiguous, unknown or malformed", () => {
    const pick = (name: string) => thrown(() => readAzureFunctions(folder, { function: name }));
    expect(pick("abcdef01").message).toMatch(/matches 2 functions/);
    expect(pick("ffffffff").message).toMatch(/matches no function/);
    expect(pick("abcdef0").message).toMatch(/8 to 64 hex digits/);
    expect(pick("xyz12345").field).toBe("function");
  });

  it("reads invocations.csv given as a file, durations.csv beside it", () => {
    const trace = readAzureFunctions(fixture("azure-functions-2019/invocations.csv"));
    expect(trace.processingTimeSeconds).toBeCloseTo(0.6, 12);
  });
});

describe("parseAzureFunctions", () => {
  const header = "HashOwner,HashApp,HashFunction,Trigger,480,481";

  it("has no processing time without durations", () => {
    const trace = parseAzureFunctions({ invocations: `${header}\no,a,${A},http,1,2\n` });
    expect([...trace.counts]).toEqual([1, 2]);
    expect(trace.processingTimeSeconds).toBeUndefined();
  });

  it("names the line of a bad value and checks the minute columns", () => {
    const bad = (invocations: string) =>
      thrown(() => parseAzureFunctions({ invocations, source: "inv.csv" }));
    expect(bad(`${header}\no,a,${A},http,1,x\n`).message).toBe('inv.csv:2: invocations "x" are not a count');
    expect(bad("HashOwner,HashApp,HashFunction,Trigger,480,482\n").message).toMatch(/column 6 is "482"/);
    expect(bad("Owner,App,Function,Trigger,480,481\n").field).toBe("inv.csv:1");
  });

  it("names the line of a bad Average", () => {
    const durations = "HashFunction,Average\nx,1\ny,slow\n";
    const call = () =>
      parseAzureFunctions({
        invocations: `${header}\no,a,${A},http,1,2\n`,
        durations,
        durationsSource: "d.csv",
      });
    expect(thrown(call).message).toBe('d.csv:3: Average "slow" is not a non-negative number');
  });
});

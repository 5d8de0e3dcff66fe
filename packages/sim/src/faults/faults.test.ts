import { GantryError, sdkErrorCode, ThrottledError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { FaultInjector, withFaults } from "./fault-injector.ts";
import { withRetries } from "./with-retries.ts";

const port = {
  calls: 0,
  async read(n: number) {
    this.calls++;
    return n * 2;
  },
};

async function outcomes(plan: { seed: number; throttleRate: number; errorRate: number }, calls: number) {
  const injector = new FaultInjector(plan);
  const faulty = withFaults({ ...port, calls: 0 }, injector, "port");
  const results: string[] = [];
  for (let i = 0; i < calls; i++) {
    try {
      results.push(String(await faulty.read(i)));
    } catch (error) {
      results.push(error instanceof ThrottledError ? "throttled" : (error as GantryError).code);
    }
  }
  return { results, counts: injector.counts };
}

describe("fault injection", () => {
  it("fails calls at the planned rates, reproducibly", async () => {
    const plan = { seed: 7, throttleRate: 0.2, errorRate: 0.05 };
    const a = await outcomes(plan, 4000);
    expect(a.counts.throttled / 4000).toBeCloseTo(0.2, 1);
    expect(a.counts.errors / 4000).toBeCloseTo(0.05, 1);
    expect((await outcomes(plan, 4000)).results).toEqual(a.results);
    expect(a.results.filter((r) => r === "InternalFailure")).toHaveLength(a.counts.errors);
  });

  it("passes results through untouched when a call is not failed", async () => {
    const { results } = await outcomes({ seed: 1, throttleRate: 0, errorRate: 0 }, 3);
    expect(results).toEqual(["0", "2", "4"]);
  });

  it("retries like the SDK: most faults disappear, a persistent one surfaces", async () => {
    const injector = new FaultInjector({ seed: 3, throttleRate: 0.2, errorRate: 0.05 });
    const retried = withRetries(withFaults({ ...port }, injector, "port"), 3);
    let failures = 0;
    for (let i = 0; i < 2000; i++) await retried.read(i).catch(() => failures++);
    expect(failures).toBeLessThan(2000 * 0.25 ** 3 * 2);
    const broken = withRetries(
      {
        async read() {
          throw new GantryError(sdkErrorCode("AccessDenied"), "no");
        },
      },
      3,
    );
    await expect(broken.read()).rejects.toThrow("no");
  });
});

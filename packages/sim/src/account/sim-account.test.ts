import { ValidationError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { expectConserved } from "./fixtures/invariants.ts";
import { countsTrace, requestsTrace } from "./fixtures/test-traces.ts";
import { SimAccount } from "./sim-account.ts";

describe("SimAccount", () => {
  it("conserves messages at every minute of a trace, with delays and scaling", () => {
    const account = new SimAccount({ seed: 3, deliveryDelaySeconds: 20, taskStartupSeconds: 30 });
    const trace = countsTrace(
      Array.from({ length: 30 }, (_, i) => (i % 7) * 3.5),
      60,
    );
    const service = account.addService({ name: "w", trace, processingTimeSeconds: 7, initialDesired: 1 });
    for (let minute = 1; minute <= 40; minute++) {
      account.advanceTo(minute * 60_000);
      expectConserved(service);
      if (minute % 5 === 0) account.setDesiredCount(service.id, (minute * 7) % 9);
    }
    expect(service.queue.sent).toBeGreaterThan(100);
    expect(service.series.length).toBe(40);
  });

  it("replays each service's trace from when it is added, with independent seeds", () => {
    const account = new SimAccount({ startMs: 60_000 });
    const a = account.addService({ name: "a", trace: requestsTrace([0, 1, 2]) });
    account.advance(30_000);
    const b = account.addService({ name: "b", trace: requestsTrace([0, 1]) });
    account.advance(1_000);
    expect([a.queue.sent, b.queue.sent]).toEqual([3, 2]);
    expect(b.queue.firstSentAt).toBe(90_000);
    expect(() => account.addService({ name: "a" })).toThrow(ValidationError);
  });

  it("reports queue attributes as sampled attributeLagSeconds ago, noise off by default", () => {
    const account = new SimAccount({ attributeLagSeconds: 5 });
    const service = account.addService({ name: "w" });
    account.advance(0);
    account.send(service.queueUrl, 10);
    account.advance(4_000);
    expect(service.reportedDepth(account.now()).visible).toBe(0);
    account.advance(2_000);
    expect(service.reportedDepth(account.now()).visible).toBe(10);
  });

  it("perturbs reported counts when attributeNoise is set, deterministically", () => {
    const read = (seed: number) => {
      const account = new SimAccount({ attributeLagSeconds: 0, attributeNoise: 0.5, seed });
      const service = account.addService({ name: "w" });
      account.send(service.queueUrl, 100);
      return Array.from({ length: 20 }, () => service.reportedDepth(account.now()).visible);
    };
    const values = read(1);
    expect(values).toEqual(read(1));
    expect(new Set(values).size).toBeGreaterThan(1);
    expect(values.every((v) => v >= 50 && v <= 150)).toBe(true);
  });

  it("refuses to go back in time or take bad settings", () => {
    const account = new SimAccount({ startMs: 1000 });
    expect(() => account.advanceTo(999)).toThrow(ValidationError);
    expect(() => new SimAccount({ sampleSeconds: 7 })).toThrow(ValidationError);
    expect(() => account.addService({ name: "w", concurrency: 0 })).toThrow(ValidationError);
    expect(() => account.setDesiredCount("service/sim/none", 1)).toThrow("no service");
  });
});

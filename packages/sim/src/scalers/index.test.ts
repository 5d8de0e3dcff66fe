import { ValidationError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { FakeWorld, MINUTE_MS } from "./fake-world.ts";
import {
  backlogTargetFromSlo,
  createScaler,
  isScalerName,
  type KedaScalerOptions,
  kedaQueueLengthFromSlo,
  SCALER_NAMES,
  type ScalerName,
} from "./index.ts";

const bounds = { minCapacity: 1, maxCapacity: 100 };
const slo = { latencySeconds: 20, processingTimeSeconds: 2 };

describe("createScaler", () => {
  it("knows gantry, the three baselines and their cadences", () => {
    expect(SCALER_NAMES).toEqual(["gantry", "aws-target-tracking", "aws-step", "keda"]);
    const cadence = Object.fromEntries(
      SCALER_NAMES.map((name) => [name, createScaler(name, { bounds, slo }).intervalSeconds]),
    );
    expect(cadence).toEqual({ gantry: 15, "aws-target-tracking": 60, "aws-step": 60, keda: 15 });
    expect(isScalerName("nope")).toBe(false);
  });

  it("rejects an unknown name", () => {
    expect(() => createScaler("nope" as ScalerName, { bounds })).toThrow(ValidationError);
  });

  it("derives the AWS target from the SLO: latency ÷ processing time", () => {
    expect(backlogTargetFromSlo(slo)).toBe(10);
    const run = (scaler: ReturnType<typeof createScaler>) =>
      new FakeWorld({ desiredCount: 2, metrics: { ApproximateNumberOfMessagesVisible: () => 100 } }).run(
        scaler,
        20 * MINUTE_MS,
      );
    const derived = run(createScaler("aws-target-tracking", { bounds, slo }));
    expect(derived).toEqual(run(createScaler("aws-target-tracking", { bounds, targetBacklogPerTask: 10 })));
    expect(derived[0]?.desired).toBe(10); // ceil(2 × 50 / 10)
  });

  it("needs a target or an SLO for AWS target tracking", () => {
    expect(() => createScaler("aws-target-tracking", { bounds })).toThrow(/targetBacklogPerTask/);
  });

  it("derives KEDA's integer queueLength from the SLO, at least 1, else KEDA's 5", () => {
    expect(kedaQueueLengthFromSlo(slo)).toBe(10);
    expect(kedaQueueLengthFromSlo({ latencySeconds: 25, processingTimeSeconds: 10 })).toBe(2);
    expect(kedaQueueLengthFromSlo({ latencySeconds: 1, processingTimeSeconds: 10 })).toBe(1);
    // 100 messages on 10 tasks: on target for queueLength 10, double it for KEDA's default 5.
    const step = (options: KedaScalerOptions) =>
      createScaler("keda", options).step(
        new FakeWorld({ desiredCount: 10, queue: () => ({ visible: 100 }) }).view(),
      );
    expect(step({ bounds, slo })).toBeUndefined();
    expect(step({ bounds })).toBe(20);
    expect(step({ bounds, slo, queueLength: 8 })).toBe(13); // an explicit queueLength wins
  });
});

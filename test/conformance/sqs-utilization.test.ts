import { evaluate } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { codes, MINUTE, QUEUE, request, runSequence, T0 } from "../support/requests.ts";

// Gantry's throughput metric: (in flight + visible × processingSeconds / drainSeconds) / running, in percent.
const policy = (overrides: Record<string, unknown> = {}) => ({
  name: "workers",
  type: "TargetTracking" as const,
  targetValue: 80,
  metric: { sqsUtilization: { queueUrl: QUEUE, processingSeconds: 2, drainSeconds: 30 } },
  evaluation: { periodSeconds: 15, scaleOutDatapoints: 1, scaleInDatapoints: 1 },
  scaleInCooldown: 0,
  ...overrides,
});
const queue = (visible: number, inFlight: number) => ({
  queues: { [QUEUE]: { visible, inFlight, delayed: 0 } },
});

describe("sqsUtilization: worker utilization including queued work", () => {
  it("sizes the fleet for the work in flight plus the backlog drained within drainSeconds", () => {
    // 8 busy + 120 × 2 s / 30 s = 16 tasks of work; at 80 % → ceil(20)
    const decision = evaluate(
      request({ policies: [policy()], observation: { runningCount: 8, desiredCount: 8, ...queue(120, 8) } }),
    );
    expect(decision).toMatchObject({ desiredCapacity: 20, action: "ScaleOut" });
    expect(decision.reasons[0]?.message).toContain("16 tasks of work at 80 %");
  });

  it("adds the tasks it takes to stop a growing backlog, seen between two reads", () => {
    const base = request({
      policies: [policy()],
      observation: { runningCount: 10, desiredCount: 10, ...queue(0, 8) },
    });
    const first = evaluate(base);
    expect(first.action).toBe("None");
    // 150 more visible in 15 s: growing 10 msg/s → 10 × 2 s = 20 tasks to keep up, + 8 busy + 150 × 2 / 30 = 38
    const second = evaluate({
      ...base,
      now: T0 + 15_000,
      state: first.state,
      observation: { runningCount: 10, desiredCount: 10, ...queue(150, 8) },
    });
    expect(second.desiredCapacity).toBe(48); // ceil(38 / 0.8)
    expect(second.reasons[0]?.message).toContain("backlog growing 10 msg/s");
  });

  it("scales in to the throughput actually needed, unlike backlog per task", () => {
    // 17 busy, nothing waiting: 17 / 0.8 → 22 tasks, not 1
    const decision = evaluate(
      request({ policies: [policy()], observation: { runningCount: 40, desiredCount: 40, ...queue(0, 17) } }),
    );
    expect(decision.desiredCapacity).toBe(22);
  });

  it("divides by the per-task concurrency", () => {
    const concurrent = policy({
      metric: { sqsUtilization: { queueUrl: QUEUE, processingSeconds: 2, drainSeconds: 30, concurrency: 4 } },
    });
    const decision = evaluate(
      request({
        policies: [concurrent],
        observation: { runningCount: 2, desiredCount: 2, ...queue(120, 8) },
      }),
    );
    expect(decision.desiredCapacity).toBe(5); // 16 / 4 = 4 tasks of work at 80 %
  });

  it("wakes from zero on the first message", () => {
    const target = { id: "service/prod/worker", minCapacity: 0, maxCapacity: 10 };
    const decision = evaluate(
      request({
        target,
        policies: [policy()],
        observation: { runningCount: 0, desiredCount: 0, ...queue(1, 0) },
      }),
    );
    expect(decision).toMatchObject({ desiredCapacity: 1, action: "ScaleOut" });
    expect(codes(decision)).toEqual(["WakeFromZero"]);
  });

  it("keeps the last task until the queue has been idle", () => {
    const target = { id: "service/prod/worker", minCapacity: 0, maxCapacity: 10 };
    const base = request({
      target,
      policies: [policy()],
      behavior: { scaleToZero: { idleSeconds: 60 } },
      observation: { runningCount: 2, desiredCount: 2, ...queue(0, 0) },
    });
    const decisions = runSequence(base, [{ now: T0 }, { now: T0 + MINUTE }]);
    expect(decisions.map((d) => d.desiredCapacity)).toEqual([1, 0]);
  });

  it("rejects a metric without processingSeconds, naming the field", () => {
    const bad = policy({ metric: { sqsUtilization: { queueUrl: QUEUE } } });
    expect(() => evaluate(request({ policies: [bad] }))).toThrow(
      /policies\[0\]\.metric\.sqsUtilization\.processingSeconds/,
    );
  });
});

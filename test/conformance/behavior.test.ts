import { evaluate } from "@gantry/core";
import { describe, expect, it } from "vitest";
import {
  backlogPolicy,
  codes,
  cpuPolicy,
  MINUTE,
  QUEUE,
  request,
  runSequence,
  series,
  T0,
} from "../support/requests.ts";

const fast = cpuPolicy({
  evaluation: { scaleOutDatapoints: 1, scaleInDatapoints: 1 },
  scaleInCooldown: 0,
  scaleOutCooldown: 0,
});
const at = (now: number, cpu: number) => ({ now, observation: { metrics: { cpu: series([cpu], now) } } });

describe("HPA behavior after the policies [HPA]", () => {
  it("limits scale-up with the default policies: max(+4 pods, +100 %) per 15 s", () => {
    const base = request({
      policies: [fast],
      behavior: { scaleUp: {} },
      observation: { runningCount: 2, desiredCount: 2 },
    });
    const decisions = runSequence(base, [at(T0, 500), at(T0 + 5_000, 500), at(T0 + 20_000, 500)]);
    expect(decisions.map((d) => d.desiredCapacity)).toEqual([6, 6, 12]);
    expect(codes(decisions[0])).toContain("ScaleUpLimit");
  });

  it("holds a scale-down for the stabilization window (highest recommendation wins)", () => {
    const base = request({
      policies: [fast],
      behavior: { scaleDown: { stabilizationWindowSeconds: 150 } },
      observation: { runningCount: 10, desiredCount: 10 },
    });
    const decisions = runSequence(base, [
      at(T0, 50),
      at(T0 + MINUTE, 10),
      at(T0 + 2 * MINUTE, 10),
      at(T0 + 3 * MINUTE, 10),
    ]);
    expect(decisions.map((d) => d.desiredCapacity)).toEqual([10, 10, 10, 2]);
    expect(codes(decisions[1])).toContain("StabilizationWindow");
  });

  it("rate-limits scale-down with Pods policies and selectPolicy", () => {
    const scaleDown = {
      stabilizationWindowSeconds: 0,
      policies: [{ type: "Pods", value: 2, periodSeconds: 60 }],
    };
    const base = request({
      policies: [fast],
      behavior: { scaleDown } as never,
      observation: { runningCount: 10, desiredCount: 10 },
    });
    const decisions = runSequence(base, [at(T0, 5), at(T0 + 30_000, 5), at(T0 + 61_000, 5)]);
    expect(decisions.map((d) => d.desiredCapacity)).toEqual([8, 8, 6]);
    expect(codes(decisions[1])).toContain("ScaleDownLimit");
  });

  it("selectPolicy Disabled stops that direction", () => {
    const base = request({
      policies: [fast],
      behavior: { scaleDown: { selectPolicy: "Disabled" } },
      observation: { runningCount: 10, desiredCount: 10 },
    });
    expect(runSequence(base, [at(T0, 5)])[0]?.desiredCapacity).toBe(10);
  });
});

describe("scale to zero [AWS, KEDA #1663, #7770]", () => {
  const target = { id: "service/prod/worker", minCapacity: 0, maxCapacity: 20 };
  const policy = backlogPolicy({ evaluation: { scaleInDatapoints: 1 }, scaleInCooldown: 0 });
  const queue = (visible: number, inFlight: number) => ({
    queues: { [QUEUE]: { visible, inFlight, delayed: 0 } },
  });

  it("never goes 1 → 0 while messages are in flight, even when the policy ignores them", () => {
    const ignoresInFlight = backlogPolicy({
      metric: { sqs: { queueUrl: QUEUE, countInFlight: false } },
      evaluation: { scaleInDatapoints: 1 },
      scaleInCooldown: 0,
    });
    const decision = evaluate(
      request({
        target,
        policies: [ignoresInFlight],
        observation: { runningCount: 1, desiredCount: 1, ...queue(0, 1) },
      }),
    );
    expect(decision.desiredCapacity).toBe(1);
    expect(codes(decision)).toContain("MessagesInFlight");
  });

  it("goes to zero only after the idle period", () => {
    const base = request({
      target,
      policies: [policy],
      behavior: { scaleToZero: { idleSeconds: 120 } },
      observation: { runningCount: 3, desiredCount: 3, ...queue(0, 0) },
    });
    const decisions = runSequence(base, [{ now: T0 }, { now: T0 + MINUTE }, { now: T0 + 2 * MINUTE }]);
    expect(decisions.map((d) => d.desiredCapacity)).toEqual([1, 1, 0]);
    expect(codes(decisions[0])).toContain("ScaleToZeroIdleWait");
  });

  it("restarts the idle clock when work arrives", () => {
    const base = request({
      target,
      policies: [policy],
      behavior: { scaleToZero: { idleSeconds: 120 } },
      observation: { runningCount: 1, desiredCount: 1, ...queue(0, 0) },
    });
    const decisions = runSequence(base, [
      { now: T0 },
      { now: T0 + MINUTE, observation: queue(0, 1) },
      { now: T0 + 2 * MINUTE },
      { now: T0 + 3 * MINUTE },
      { now: T0 + 4 * MINUTE },
    ]);
    expect(decisions.map((d) => d.desiredCapacity)).toEqual([1, 1, 1, 1, 0]);
  });

  it("wakes only above the activation threshold", () => {
    const behavior = { scaleToZero: { activationThreshold: 5 } };
    const quiet = evaluate(
      request({
        target,
        policies: [policy],
        behavior,
        observation: { runningCount: 0, desiredCount: 0, ...queue(5, 0) },
      }),
    );
    expect(quiet.desiredCapacity).toBe(0);
    const busy = evaluate(
      request({
        target,
        policies: [policy],
        behavior,
        observation: { runningCount: 0, desiredCount: 0, ...queue(6, 0) },
      }),
    );
    expect(busy.desiredCapacity).toBe(1);
  });
});

describe("fallback when metrics go missing", () => {
  it("holds at least the fallback capacity after afterSeconds without data, and never scales in for it", () => {
    const base = request({
      policies: [cpuPolicy()],
      behavior: { fallback: { afterSeconds: 120, capacity: 6 } },
      observation: { runningCount: 3, desiredCount: 3 },
    });
    const decisions = runSequence(base, [{ now: T0 }, { now: T0 + MINUTE }, { now: T0 + 2 * MINUTE }]);
    expect(decisions.map((d) => d.desiredCapacity)).toEqual([3, 3, 6]);
    expect(codes(decisions[2])).toContain("FallbackCapacity");
    const above = evaluate({
      ...base,
      now: T0 + 3 * MINUTE,
      state: decisions[2]?.state,
      observation: { runningCount: 9, desiredCount: 9 },
    });
    expect(above.desiredCapacity).toBe(9);
  });
});

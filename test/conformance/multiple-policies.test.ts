import { evaluate } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { backlogPolicy, codes, cpuPolicy, fifteen, request, series } from "../support/requests.ts";

const memory = (overrides: Record<string, unknown> = {}) =>
  cpuPolicy({ name: "memory", metric: { predefined: "ECSServiceAverageMemoryUtilization" }, ...overrides });

function decideWith(cpu: number[], mem: number[], policies = [cpuPolicy(), memory()]) {
  return evaluate(
    request({
      policies,
      observation: { runningCount: 10, desiredCount: 10, metrics: { cpu: series(cpu), memory: series(mem) } },
    }),
  );
}

describe("several policies on one target [AWS]", () => {
  it("scales out if any policy asks, and the largest capacity wins", () => {
    expect(decideWith([75, 75, 75], fifteen(10)).desiredCapacity).toBe(15);
    expect(decideWith([75, 75, 75], [100, 100, 100]).desiredCapacity).toBe(20);
  });

  it("scales in only when every policy with scale-in enabled agrees", () => {
    const blocked = decideWith(fifteen(10), fifteen(48));
    expect(blocked.action).toBe("None");
    expect(codes(blocked)).toContain("ScaleInNotUnanimous");
  });

  it("takes the largest of the scale-in capacities", () => {
    expect(decideWith(fifteen(10), fifteen(30)).desiredCapacity).toBe(6); // max(ceil(2), ceil(6))
  });

  it("leaves policies with scale-in disabled out of the vote", () => {
    const decision = decideWith(fifteen(10), fifteen(48), [cpuPolicy(), memory({ disableScaleIn: true })]);
    expect(decision.desiredCapacity).toBe(2);
  });

  it("does not let a policy without data block scale-out by another", () => {
    const policies = [cpuPolicy(), backlogPolicy()];
    const decision = evaluate(
      request({
        policies,
        observation: { runningCount: 10, desiredCount: 10, metrics: { cpu: series([75, 75, 75]) } },
      }),
    );
    expect(decision.desiredCapacity).toBe(15);
  });

  it("does not scale in while a scale-in voter has no data", () => {
    const policies = [cpuPolicy(), backlogPolicy()];
    const decision = evaluate(
      request({
        policies,
        observation: { runningCount: 10, desiredCount: 10, metrics: { cpu: series(fifteen(10)) } },
      }),
    );
    expect(decision.action).toBe("None");
  });
});

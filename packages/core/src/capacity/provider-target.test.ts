import { describe, expect, it } from "vitest";
import { CapacityConfigSchema } from "./capacity-config.ts";
import { planCapacity } from "./plan-capacity.ts";
import { withProviderTarget } from "./provider-target.ts";

const config = (targetCapacity?: number) =>
  CapacityConfigSchema.parse({ mode: "capacityProvider", name: "cp", maxInstances: 20, targetCapacity });

describe("withProviderTarget", () => {
  it("takes the provider's targetCapacity when it is lower than the block's", () => {
    expect(withProviderTarget(config(), { targetCapacity: 80 }).targetCapacity).toBe(80);
    expect(withProviderTarget(config(60), { targetCapacity: 80 }).targetCapacity).toBe(60);
    expect(withProviderTarget(config(90), undefined).targetCapacity).toBe(90);
  });

  it("plans so that the tasks use at most the provider's share of the instances", () => {
    // 8 tasks of 1 vCPU fill 2 instances of 4 vCPU; at 50 % the plan keeps 4.
    const services = [
      {
        serviceId: "service/c/a",
        desiredCount: 8,
        runningCount: 0,
        pendingCount: 0,
        deploymentInProgress: false,
        scalingOut: true,
        task: { cpu: 1024, memory: 1024, hostPorts: [] },
      },
    ];
    const plan = (targetCapacity: number) =>
      planCapacity({
        now: 0,
        config: withProviderTarget(config(), { targetCapacity }),
        services,
        instances: [],
        instanceShape: { cpu: 4096, memory: 8192 },
      }).desiredInstances;
    expect(plan(100)).toBe(2);
    expect(plan(50)).toBe(4);
    expect(plan(40)).toBe(5);
  });
});

import { CapacityConfigSchema } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { Ec2Cluster } from "./ec2-cluster.ts";
import { createGantryCapacity } from "./gantry-capacity.ts";

const TASK = { cpu: 1024, memory: 2048, hostPorts: [] };
const config = CapacityConfigSchema.parse({ mode: "capacityProvider", name: "cp", maxInstances: 10 });
const demand = (desiredCount: number, runningCount: number, scalingOut: boolean) => ({
  serviceId: "a",
  desiredCount,
  runningCount,
  pendingCount: 0,
  deploymentInProgress: false,
  scalingOut,
  task: TASK,
});

describe("gantry capacity stage", () => {
  it("launches for the new desired count in the same pass, before any task is refused", () => {
    const cluster = new Ec2Cluster({
      instanceShape: { cpu: 4096, memory: 8192 },
      taskSizes: { a: TASK },
      initialInstances: 1,
    });
    for (let k = 0; k < 4; k++) cluster.tryPlace("a", 0);
    const stage = createGantryCapacity(config);
    stage.step({ now: 60_000, cluster, services: [demand(10, 4, true)], provisioning: [] });
    expect(cluster.usableCount()).toBe(3);
    expect(stage.lastPlan?.action).toBe("ScaleOut");
  });

  it("drains unneeded instances only after the unneeded time (10 min), and they terminate", () => {
    const cluster = new Ec2Cluster({
      instanceShape: { cpu: 4096, memory: 8192 },
      taskSizes: { a: TASK },
      initialInstances: 3,
    });
    for (let k = 0; k < 4; k++) cluster.tryPlace("a", 0); // binpack: all on i-0001
    const stage = createGantryCapacity(config);
    const counts: number[] = [];
    for (let t = 0; t <= 20 * 60_000; t += 15_000) {
      stage.step({ now: t, cluster, services: [demand(4, 4, false)], provisioning: [] });
      cluster.tick(t);
      counts.push(cluster.instances.length);
    }
    expect(counts[5 * 4]).toBe(3);
    expect(cluster.instances.map((i) => i.id)).toEqual(["i-0001"]);
    expect(cluster.misplaced).toBe(0);
  });
});

import type { InstanceState } from "@gantry/core";
import { FakeClusterCapacityPort } from "@gantry/testing";
import { configOf, simWorld, workerConfig } from "@gantry/testing/sim-fixture";
import { describe, expect, it } from "vitest";
import { MemoryCapacityStore } from "../local-stack/memory-capacity-store.ts";
import { createReconciler } from "../reconciler.ts";

const SMALL = { cpu: 1024, memory: 2048, hostPorts: [] };

function busyInstance(serviceId: string): InstanceState {
  return {
    id: "i-1",
    instanceType: "m5.xlarge",
    cpu: 4096,
    memory: 8192,
    launchTime: 0,
    protectedFromScaleIn: true,
    draining: false,
    tasks: [
      { serviceId, ...SMALL },
      { serviceId, ...SMALL },
    ],
    lifecycle: "InService",
  };
}

async function setUp() {
  const world = simWorld([{ name: "worker", initialDesired: 2 }]);
  const [worker] = world.services as [NonNullable<(typeof world.services)[0]>];
  const capacity = { mode: "asg" as const, name: "workers", maxInstances: 10 };
  await world.store.putConfig(configOf(workerConfig(worker, { capacity })), 0);
  world.account.send(worker.queueUrl, 100);
  const port = new FakeClusterCapacityPort([busyInstance(worker.id)], { [worker.id]: SMALL });
  const reconciler = createReconciler({
    ...world.deps,
    capacity: { port, store: new MemoryCapacityStore() },
  });
  return { world, worker, port, reconciler };
}

describe("stage 2 in the reconcile pass", () => {
  it("orders instances in the same pass that raised the desired count, and publishes its activity", async () => {
    const { world, worker, port, reconciler } = await setUp();
    const summary = await reconciler.reconcile({ deadline: world.deadline() });

    expect(summary.outcomes[0]).toMatchObject({ targetId: worker.id, status: "Successful", toCapacity: 10 });
    expect(port.writes()).toEqual([["setDesiredInstances", "workers", 3]]);
    expect(summary.capacity).toEqual([
      expect.objectContaining({ targetId: "capacity/workers", status: "Successful", toInstances: 3 }),
    ]);
    const published = world.events.published.flat().map((a) => a.targetId);
    expect(published).toEqual([worker.id, "capacity/workers"]);
    expect(world.metrics).toContainEqual({
      name: "DesiredInstances",
      value: 3,
      targetId: "capacity/workers",
    });
    expect(world.metric("CapacityScaleOuts")).toBe(1);
  });

  it("runs on alarm passes too, planning the group with all its targets", async () => {
    const { world, worker, port, reconciler } = await setUp();
    await reconciler.reconcile({ deadline: world.deadline(), targetIds: [worker.id] });
    expect(port.writes()).toEqual([["setDesiredInstances", "workers", 3]]);
  });

  it("leaves stage 1's outcomes intact when stage 2 fails", async () => {
    const { world, worker, port, reconciler } = await setUp();
    port.fake.failNext("describeCluster", new Error("ecs down"));
    const summary = await reconciler.reconcile({ deadline: world.deadline() });

    expect(summary.outcomes).toEqual([
      expect.objectContaining({ targetId: worker.id, status: "Successful" }),
    ]);
    expect(world.desired(worker)).toBe(10);
    expect(summary.capacity?.[0]).toMatchObject({ status: "Failed", error: { message: "ecs down" } });
    expect(world.metric("CapacityFailures")).toBe(1);
  });

  it("does nothing without the capacity dependency", async () => {
    const { world } = await setUp();
    const summary = await world.reconciler.reconcile({ deadline: world.deadline() });
    expect(summary.capacity).toBeUndefined();
  });
});

import { type InstanceState, TargetConfigSchema } from "@gantry/core";
import { FakeClusterCapacityPort } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { MemoryCapacityStore } from "../local-stack/memory-capacity-store.ts";
import { MemoryStateStore } from "../local-stack/memory-state-store.ts";
import { type CapacityStageDeps, runCapacityStage } from "./run-capacity-stage.ts";

const NOW = Date.UTC(2026, 0, 5, 12);
const WEB = "service/blue/web";
const SMALL = { cpu: 1024, memory: 2048, hostPorts: [] };
const TARGET = TargetConfigSchema.parse({
  target: {
    id: WEB,
    minCapacity: 0,
    maxCapacity: 50,
    capacity: { mode: "capacityProvider", name: "cp", maxInstances: 10 },
  },
});

/** i-1 runs 2 web tasks, i-2 is idle; ECS's managed termination protection protected both. */
function world() {
  const instance = (id: string, tasks: number): InstanceState => ({
    id,
    instanceType: "m5.xlarge",
    cpu: 4096,
    memory: 8192,
    launchTime: NOW - 3_600_000,
    protectedFromScaleIn: true,
    draining: false,
    tasks: Array.from({ length: tasks }, () => ({ serviceId: WEB, ...SMALL })),
    lifecycle: "InService",
  });
  const port = new FakeClusterCapacityPort([instance("i-1", 2), instance("i-2", 0)], { [WEB]: SMALL });
  port.provider = { managedScaling: true, managedTerminationProtection: true, targetCapacity: 100 };
  const activities = new MemoryStateStore({ now: () => NOW });
  let now = NOW;
  let n = 0;
  const deps: CapacityStageDeps = {
    port,
    store: new MemoryCapacityStore(),
    ecs: {
      describeServices: async () => ({
        services: [
          { id: WEB, desiredCount: 2, runningCount: 2, pendingCount: 0, deploymentInProgress: false },
        ],
        missing: [],
        failed: [],
      }),
      setDesiredCount: async () => {},
    },
    activities,
    clock: { now: () => now },
    log: { info() {}, warn() {}, error() {} },
    randomId: () => `r${n++}`,
  };
  const unchanged = [
    { targetId: WEB, status: "Unchanged" as const, action: "None" as const, fromCapacity: 2, toCapacity: 2 },
  ];
  const pass = () => runCapacityStage([TARGET], unchanged, deps);
  return { port, activities, pass, advance: (ms: number) => (now += ms) };
}

describe("taking a capacity provider's scaling over", () => {
  it("turns ECS's scaling off first, records it, and adopts ECS's protection so an idle instance can go", async () => {
    const w = world();
    await w.pass();
    expect(w.port.writes()).toEqual([
      ["takeOverScaling", "cp"],
      ["setProtection", "cp", ["i-2"], false],
    ]);
    const [takeover] = w.activities.activitiesOf("capacity/cp");
    expect(takeover?.statusMessage).toMatch(
      /^ManagedScalingTakenOver: capacity provider cp: managed scaling and managed termination protection turned off/,
    );

    // Gantry owns the group now: no second takeover, and the idle instance drains once unneeded long enough.
    w.advance(3_600_000);
    const later = await w.pass();
    expect(w.port.fake.count("takeOverScaling")).toBe(1);
    expect(later.outcomes[0]).toMatchObject({ status: "Successful", action: "ScaleIn", drained: ["i-2"] });
  });

  it("acts on nothing else in the group when the takeover fails, and says why", async () => {
    const w = world();
    w.port.takeOverError = new Error("ecs:UpdateCapacityProvider: AccessDenied");
    const result = await w.pass();
    expect(w.port.writes()).toEqual([["takeOverScaling", "cp"]]);
    expect(result.outcomes[0]).toMatchObject({ status: "Failed" });
    expect(result.outcomes[0]?.error?.message).toMatch(/UpdateCapacityProvider/);
    expect(w.activities.activitiesOf("capacity/cp").map((a) => a.status)).toEqual(["Failed"]);
  });
});

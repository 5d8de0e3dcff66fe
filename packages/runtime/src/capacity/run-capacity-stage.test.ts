import {
  ConflictError,
  GantryError,
  type InstanceState,
  type ServiceSnapshot,
  type TargetConfig,
  TargetConfigSchema,
  type TaskFootprint,
  ThrottledError,
} from "@gantry/core";
import { FakeClusterCapacityPort } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { MemoryCapacityStore } from "../local-stack/memory-capacity-store.ts";
import { MemoryStateStore } from "../local-stack/memory-state-store.ts";
import type { TargetOutcome } from "../reconciler-types.ts";
import { type CapacityStageDeps, runCapacityStage } from "./run-capacity-stage.ts";

const NOW = Date.UTC(2026, 0, 5, 12);
const LONG_AGO = NOW - 3_600_000;
const WEB = "service/blue/web";
const API = "service/blue/api";
const SMALL = { cpu: 1024, memory: 2048, hostPorts: [] };
const SILENT = { info() {}, warn() {}, error() {} };

function target(id: string, capacity: Record<string, unknown> = {}): TargetConfig {
  return TargetConfigSchema.parse({
    target: {
      id,
      minCapacity: 0,
      maxCapacity: 50,
      capacity: { mode: "asg", name: "workers", maxInstances: 10, ...capacity },
    },
  });
}

const tasks = (n: number, serviceId = WEB): TaskFootprint[] =>
  Array.from({ length: n }, () => ({ serviceId, ...SMALL }));

function instance(id: string, running: TaskFootprint[], over: Partial<InstanceState> = {}): InstanceState {
  return {
    id,
    instanceType: "m5.xlarge",
    cpu: 4096,
    memory: 8192,
    launchTime: LONG_AGO,
    protectedFromScaleIn: false,
    draining: false,
    tasks: running,
    lifecycle: "InService",
    ...over,
  };
}

const outcome = (targetId: string, from: number, to: number, status = "Successful"): TargetOutcome => ({
  targetId,
  status: status as TargetOutcome["status"],
  action: to > from ? "ScaleOut" : to < from ? "ScaleIn" : "None",
  fromCapacity: from,
  toCapacity: to,
});

function world(instances: InstanceState[], services: ServiceSnapshot[], undescribed: readonly string[] = []) {
  const port = new FakeClusterCapacityPort(instances, { [WEB]: SMALL, [API]: SMALL });
  const store = new MemoryCapacityStore();
  const activities = new MemoryStateStore({ now: () => NOW });
  let now = NOW;
  let ids = 0;
  const deps: CapacityStageDeps = {
    port,
    store,
    ecs: {
      describeServices: async (ids) => ({
        services: services.filter((s) => ids.includes(s.id) && !undescribed.includes(s.id)),
        missing: [],
        failed: ids
          .filter((id) => undescribed.includes(id))
          .map((id) => ({ id, error: new ThrottledError(`ecs:DescribeServices throttled for ${id}`) })),
      }),
      setDesiredCount: async () => {},
    },
    activities,
    clock: { now: () => now },
    log: SILENT,
    randomId: () => `c${ids++}`,
  };
  const advance = (ms: number) => {
    now += ms;
  };
  return { port, store, activities, deps, advance };
}

const snap = (id: string, desired: number, over: Partial<ServiceSnapshot> = {}): ServiceSnapshot => ({
  id,
  desiredCount: desired,
  runningCount: desired,
  pendingCount: 0,
  deploymentInProgress: false,
  ...over,
});

describe("runCapacityStage", () => {
  it("orders instances in the same pass as stage 1 raises a desired count", async () => {
    // DescribeServices still shows 2: the count stage 1 applied is the one planned with.
    const w = world([instance("i-1", tasks(2))], [snap(WEB, 2)]);
    const result = await runCapacityStage([target(WEB)], [outcome(WEB, 2, 10)], w.deps);

    // 10 tasks of 1 vCPU on 4-vCPU instances: 3 instances.
    expect(w.port.writes()).toContainEqual(["setDesiredInstances", "workers", 3]);
    expect(result.outcomes[0]).toMatchObject({
      targetId: "capacity/workers",
      status: "Successful",
      action: "ScaleOut",
      fromInstances: 1,
      toInstances: 3,
    });
    const [activity] = result.activities;
    expect(activity).toMatchObject({ targetId: "capacity/workers", action: "ScaleOut", toCapacity: 3 });
    expect(activity?.statusMessage).toContain("CapacityNeeded");
    expect(w.activities.activitiesOf("capacity/workers")).toEqual([activity]);
    expect((await w.store.get("workers"))?.state.lastScaleOutAt).toBe(NOW);
  });

  it("protects busy instances from scale-in once, and lifts it when they fall idle", async () => {
    const w = world([instance("i-1", tasks(2)), instance("i-2", [])], [snap(WEB, 2)]);
    await runCapacityStage([target(WEB, { minInstances: 2 })], [outcome(WEB, 2, 2, "Unchanged")], w.deps);
    expect(w.port.writes()).toEqual([["setProtection", "workers", ["i-1"], true]]);

    const again = await runCapacityStage([target(WEB, { minInstances: 2 })], [], w.deps);
    expect(again.outcomes).toEqual([]); // no target of the group in this pass: not planned

    w.port.fake.calls.length = 0;
    const second = await runCapacityStage(
      [target(WEB, { minInstances: 2 })],
      [outcome(WEB, 2, 2, "Unchanged")],
      w.deps,
    );
    expect(w.port.writes()).toEqual([]);
    expect(second.outcomes[0]?.status).toBe("Unchanged");
    expect(second.activities).toEqual([]);

    w.port.instances[0] = instance("i-1", [], { protectedFromScaleIn: true });
    w.port.fake.calls.length = 0;
    await runCapacityStage([target(WEB, { minInstances: 2 })], [outcome(WEB, 2, 0)], w.deps);
    expect(w.port.writes()).toEqual([["setProtection", "workers", ["i-1"], false]]);
  });

  it("does not scale in while a service scales out or deploys, then drains only what the plan drains", async () => {
    const instances = [instance("i-1", tasks(3)), instance("i-2", tasks(1, API)), instance("i-3", [])];
    const targets = [target(WEB), target(API)];
    const w = world(instances, [snap(WEB, 3), snap(API, 1)]);
    // i-3 has been unneeded long enough by the time the guards lift.
    await w.store.put(
      "workers",
      { state: { version: 1, unneededSince: { "i-3": LONG_AGO } }, drainedByGantry: [] },
      0,
    );

    const out = await runCapacityStage(
      targets,
      [outcome(WEB, 3, 4), outcome(API, 1, 1, "Unchanged")],
      w.deps,
    );
    expect(out.outcomes[0]?.reasons.map((r) => r.code)).toContain("ServiceScalingOut");
    expect(w.port.fake.count("drain")).toBe(0);

    const deploying = world(instances, [snap(WEB, 3), snap(API, 1, { deploymentInProgress: true })]);
    await deploying.store.put(
      "workers",
      { state: { version: 1, unneededSince: { "i-3": LONG_AGO } }, drainedByGantry: [] },
      0,
    );
    const held = await runCapacityStage(targets, [outcome(WEB, 3, 3, "Unchanged")], deploying.deps);
    expect(held.outcomes[0]?.reasons.map((r) => r.code)).toContain("DeploymentInProgress");
    expect(deploying.port.fake.count("drain")).toBe(0);

    const quiet = world(instances, [snap(WEB, 3), snap(API, 1)]);
    await quiet.store.put(
      "workers",
      { state: { version: 1, unneededSince: { "i-3": LONG_AGO } }, drainedByGantry: [] },
      0,
    );
    const drained = await runCapacityStage(targets, [outcome(WEB, 3, 3, "Unchanged")], quiet.deps);
    expect(quiet.port.fake.calls.filter((c) => c.method === "drain").map((c) => c.args)).toEqual([
      ["blue", ["i-3"]],
    ]);
    expect(drained.outcomes[0]).toMatchObject({
      action: "ScaleIn",
      drained: ["i-3"],
      fromInstances: 3,
      toInstances: 2,
    });
    // The group keeps counting the draining instance, so Auto Scaling picks no victim of its own.
    expect(quiet.port.fake.count("setDesiredInstances")).toBe(0);

    // Next pass: drained by Gantry and empty, so terminated (which decrements the group).
    quiet.port.fake.calls.length = 0;
    const next = await runCapacityStage(targets, [outcome(WEB, 3, 3, "Unchanged")], quiet.deps);
    expect(quiet.port.writes().filter((w) => w[0] !== "setProtection")).toEqual([
      ["terminate", "workers", ["i-3"]],
    ]);
    expect(next.outcomes[0]?.terminated).toEqual(["i-3"]);
    expect(quiet.port.groupDesired).toBe(2);
  });

  it("never terminates an instance someone else drained", async () => {
    const w = world([instance("i-1", tasks(2)), instance("i-2", [], { draining: true })], [snap(WEB, 2)]);
    await runCapacityStage([target(WEB)], [outcome(WEB, 2, 2, "Unchanged")], w.deps);
    expect(w.port.fake.count("terminate")).toBe(0);
    expect(w.port.fake.count("setDesiredInstances")).toBe(0);
  });

  it("launches the minimum step to learn the instance size when none is registered", async () => {
    const w = world([], [snap(WEB, 0)]);
    w.port.instanceShape = undefined;
    const result = await runCapacityStage([target(WEB)], [outcome(WEB, 0, 1)], w.deps);
    expect(w.port.writes()).toEqual([["setDesiredInstances", "workers", 1]]);
    expect(result.outcomes[0]?.reasons[0]?.code).toBe("CapacityNeeded");
  });

  it("gives way when another invocation wrote the group's state first", async () => {
    const w = world([instance("i-1", tasks(2))], [snap(WEB, 2)]);
    w.store.fake.failNext("put", new ConflictError("stale"));
    const result = await runCapacityStage([target(WEB)], [outcome(WEB, 2, 10)], w.deps);
    expect(result.outcomes[0]).toMatchObject({ status: "Conflict" });
    expect(w.port.writes()).toEqual([]);
  });

  it("reports a failing group as a Failed outcome and activity, and plans the others", async () => {
    const w = world([instance("i-1", tasks(2))], [snap(WEB, 2), snap(API, 2)]);
    w.port.fake.failNext("describeCluster", new Error("boom"));
    const targets = [target(API, { name: "other" }), target(WEB)];
    const result = await runCapacityStage(targets, [outcome(WEB, 2, 10), outcome(API, 2, 10)], w.deps);
    expect(result.outcomes.map((o) => [o.name, o.status])).toEqual([
      ["other", "Failed"],
      ["workers", "Successful"],
    ]);
    expect(result.activities[0]).toMatchObject({ targetId: "capacity/other", status: "Failed" });
    expect(result.activities[0]?.statusMessage).toContain("boom");
  });

  it("fails only the group whose service ECS could not describe; it plans nothing blind", async () => {
    const w = world([instance("i-1", tasks(2))], [snap(WEB, 2), snap(API, 2)], [API]);
    const targets = [target(API, { name: "other" }), target(WEB)];
    const result = await runCapacityStage(targets, [outcome(WEB, 2, 10), outcome(API, 2, 10)], w.deps);
    expect(result.outcomes.map((o) => [o.name, o.status, o.error?.code])).toEqual([
      ["other", "Failed", "Throttled"],
      ["workers", "Successful", undefined],
    ]);
    expect(w.port.writes().every(([, name]) => name !== "other")).toBe(true);
  });

  it("fails only the group whose desired capacity cannot be set", async () => {
    const w = world([instance("i-1", tasks(2))], [snap(WEB, 2), snap(API, 2)]);
    w.port.fake.failNext(
      "setDesiredInstances",
      new ThrottledError("autoscaling:SetDesiredCapacity throttled"),
    );
    const targets = [target(API, { name: "other" }), target(WEB)];
    const result = await runCapacityStage(targets, [outcome(WEB, 2, 10), outcome(API, 2, 10)], w.deps);
    expect(result.outcomes.map((o) => [o.name, o.status])).toEqual([
      ["other", "Failed"],
      ["workers", "Successful"],
    ]);
    expect(w.port.writes()).toContainEqual(["setDesiredInstances", "workers", expect.any(Number)]);
  });
});

describe("runCapacityStage within the group's MinSize and MaxSize", () => {
  // maxInstances equals the group's MaxSize, as usual; i-3 is still draining (someone's task is stopping on it).
  function drainingWorld() {
    const instances = [
      instance("i-1", tasks(4)),
      instance("i-2", tasks(4)),
      instance("i-3", tasks(1, "task/blue/report"), { draining: true }),
    ];
    const services = [snap(WEB, 8)];
    const w = world(instances, services);
    w.port.groupMaxSize = 4;
    return { ...w, services };
  }
  const drainedI3 = { state: { version: 1, unneededSince: {} }, drainedByGantry: ["i-3"] } as const;

  it("caps the group's desired capacity at MaxSize while instances drain, and says why", async () => {
    const w = drainingWorld();
    await w.store.put("workers", { ...drainedI3, drainedByGantry: [...drainedI3.drainedByGantry] }, 0);
    const targets = [target(WEB, { maxInstances: 4 })];

    // 16 tasks of 1 vCPU: 4 planned instances, plus i-3 draining, is 5, above MaxSize 4.
    const result = await runCapacityStage(targets, [outcome(WEB, 8, 16)], w.deps);
    expect(w.port.writes()).toContainEqual(["setDesiredInstances", "workers", 4]);
    expect(w.port.fake.calls.filter((c) => c.method === "setDesiredInstances")).toHaveLength(1);
    const [capacity] = result.outcomes;
    expect(capacity).toMatchObject({ status: "Successful", action: "ScaleOut", toInstances: 4 });
    expect(capacity?.reasons).toContainEqual({
      code: "AtGroupMaxSize",
      message:
        "5 instances wanted in the group (4 planned + 1 draining), capped at its MaxSize 4: " +
        "1 planned instance waits for draining ones to terminate",
    });
    expect(result.activities[0]?.statusMessage).toContain("group desired 4");
    expect(result.activities[0]?.statusMessage).toContain("AtGroupMaxSize: 5 instances wanted");

    // Next pass: i-3 is empty, so terminated (desired 4 → 3), and the planned fourth instance is ordered.
    w.port.instances[2] = instance("i-3", [], { draining: true });
    w.services[0] = snap(WEB, 16, { runningCount: 8, pendingCount: 8 });
    w.port.fake.calls.length = 0;
    w.advance(60_000);
    const next = await runCapacityStage(targets, [outcome(WEB, 16, 16, "Unchanged")], w.deps);
    expect(w.port.writes().filter((c) => c[0] !== "setProtection")).toEqual([
      ["terminate", "workers", ["i-3"]],
      ["setDesiredInstances", "workers", 4],
    ]);
    expect(next.outcomes[0]?.reasons.map((r) => r.code)).not.toContain("AtGroupMaxSize");
  });

  it("plans within the group's MinSize: no drain that a termination below it would have to undo", async () => {
    // Fresh instances for each world: the fake port marks them draining.
    const idle = () => [instance("i-1", tasks(2)), instance("i-2", []), instance("i-3", [])];
    const unneeded = { "i-2": LONG_AGO, "i-3": LONG_AGO };
    const settled = { state: { version: 1 as const, unneededSince: unneeded }, drainedByGantry: [] };
    const free = world(idle(), [snap(WEB, 2)]);
    await free.store.put("workers", settled, 0);
    const drained = await runCapacityStage([target(WEB)], [outcome(WEB, 2, 2, "Unchanged")], free.deps);
    expect(drained.outcomes[0]?.drained).toEqual(["i-2", "i-3"]);

    const held = world(idle(), [snap(WEB, 2)]);
    held.port.groupMinSize = 2;
    await held.store.put("workers", settled, 0);
    const result = await runCapacityStage([target(WEB)], [outcome(WEB, 2, 2, "Unchanged")], held.deps);
    expect(result.outcomes[0]?.drained).toEqual(["i-2"]);
    expect(result.outcomes[0]).toMatchObject({ fromInstances: 3, toInstances: 2 });
    expect(result.outcomes[0]?.reasons).toContainEqual({
      code: "AtMinInstances",
      message: "1 instances wanted, held at min 2",
    });
  });

  it("never sets the group's desired capacity below MinSize", async () => {
    // Auto Scaling is replacing the group's one (unhealthy) instance to keep MinSize 1; the plan wants none.
    const w = world([instance("i-1", [], { lifecycle: "Terminating" })], [snap(WEB, 0)]);
    w.port.groupMinSize = 1;
    const result = await runCapacityStage([target(WEB)], [outcome(WEB, 1, 0)], w.deps);
    expect(w.port.fake.count("setDesiredInstances")).toBe(0);
    expect(result.outcomes[0]?.status).not.toBe("Failed");
    // The plan itself stays at MinSize (minInstances is raised to it), so the apply step has nothing to clamp.
    expect(result.outcomes[0]?.reasons).toContainEqual({
      code: "AtMinInstances",
      message: "0 instances wanted, held at min 1",
    });
  });
});

describe("runCapacityStage: a SetDesiredCapacity of unknown outcome", () => {
  /** Auto Scaling applied the change, then the answer was lost (a 5xx as the SDK reports it). */
  function appliedThenLost(w: ReturnType<typeof world>): void {
    const original = w.port.setDesiredInstances.bind(w.port);
    let once = true;
    w.port.setDesiredInstances = async (capacity, desired) => {
      await original(capacity, desired);
      if (!once) return;
      once = false;
      const error = new GantryError(
        "InternalFailure",
        "autoscaling:SetDesiredCapacity failed: InternalFailure",
      );
      error.cause = { $metadata: { httpStatusCode: 500, attempts: 1 } };
      throw error;
    };
  }

  it("is recorded InProgress, not Failed, and settled Successful by the next pass without a second raise", async () => {
    const w = world([instance("i-1", tasks(2))], [snap(WEB, 2)]);
    appliedThenLost(w);
    const first = await runCapacityStage([target(WEB)], [outcome(WEB, 2, 10)], w.deps);
    expect(first.outcomes[0]).toMatchObject({ status: "Unknown", error: { code: "InternalFailure" } });
    expect(first.activities[0]).toMatchObject({ status: "InProgress" });
    expect(first.activities[0]?.statusMessage).toMatch(/^group desired 3: outcome unknown \(InternalFailure/);
    expect(w.port.groupDesired).toBe(3);

    w.advance(15_000);
    const second = await runCapacityStage([target(WEB)], [outcome(WEB, 10, 10, "Unchanged")], w.deps);
    const settled = second.activities.find((a) => a.activityId === first.activities[0]?.activityId);
    expect(settled).toMatchObject({ status: "Successful" });
    expect(settled?.statusMessage).toMatch(/^confirmed: the group's desired capacity is 3/);
    expect(w.activities.activitiesOf("capacity/workers")[0]).toMatchObject({ status: "Successful" });
    // The raise is never repeated (the fake's services still show 2 tasks, so the plan may lower the group).
    const raises = w.port
      .writes()
      .filter(([call, , desired]) => call === "setDesiredInstances" && Number(desired) >= 3);
    expect(raises).toEqual([["setDesiredInstances", "workers", 3]]);
    expect((await w.store.get("workers"))?.pending).toBeUndefined();
  });

  it("settles Failed when the group never moved", async () => {
    const w = world([instance("i-1", tasks(2))], [snap(WEB, 2)]);
    const timeout = Object.assign(new Error("socket hang up"), { name: "TimeoutError" });
    w.port.fake.failNext("setDesiredInstances", timeout);
    await runCapacityStage([target(WEB)], [outcome(WEB, 2, 10)], w.deps);
    w.advance(15_000);
    const second = await runCapacityStage([target(WEB)], [outcome(WEB, 2, 2, "Unchanged")], w.deps);
    expect(second.activities[0]).toMatchObject({ status: "Failed" });
    expect(second.activities[0]?.statusMessage).toMatch(
      /did not take effect: the group's desired capacity is 1, not 3/,
    );
  });
});

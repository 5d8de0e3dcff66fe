import { describe, expect, it } from "vitest";
import {
  codes,
  config,
  instance,
  LONG_AGO,
  NOW,
  plan,
  reason,
  SHAPE,
  service,
  task,
  tasks,
} from "./test-support.ts";

describe("planCapacity: scale-out from the new desired counts, in the same pass", () => {
  it("from zero: 10 quarter-size tasks need 3 instances, launched at once", () => {
    const result = plan({ services: [service("web", 10, { scalingOut: true })] });
    expect(result).toMatchObject({ desiredInstances: 3, step: 3, action: "ScaleOut", reservation: 200 });
    expect(reason(result, "CapacityNeeded")).toBe(
      "10 tasks (10 to place) need 3 instances; 0 usable instances: launching 3",
    );
    expect(result.state.lastScaleOutAt).toBe(NOW);
  });

  it("nothing to run and nothing running: holds, reservation 100", () => {
    const result = plan();
    expect(result).toMatchObject({ desiredInstances: 0, step: 0, action: "None", reservation: 100 });
    expect(codes(result)).toEqual(["AlreadyHasCapacity"]);
  });

  it("sizes from the services' tasks plus tasks of services Gantry does not manage", () => {
    const running = instance("i-1", [...tasks(2), ...tasks(2, "daemonish")]);
    const result = plan({ services: [service("web", 6, { scalingOut: true })], instances: [running] });
    expect(result).toMatchObject({ desiredInstances: 2, step: 1, reservation: 200 });
  });

  it.each([
    ["a pending instance", instance("i-2", [], { lifecycle: "Pending", launchTime: NOW - 60_000 })],
    ["an instance in service for 100 s", instance("i-2", [], { launchTime: NOW - 100_000 })],
  ])("warm-up: %s counts as capacity coming, not a reason to launch more", (_, coming) => {
    const result = plan({
      services: [service("web", 8, { scalingOut: true })],
      instances: [instance("i-1", tasks(4)), coming],
    });
    expect(result).toMatchObject({ desiredInstances: 2, step: 0, action: "None" });
    expect(codes(result)).toContain("InstancesWarmingUp");
    expect(result.drain).toEqual([]);
  });

  it("launches more when demand outgrows the instances still warming up", () => {
    const pending = instance("i-2", [], { lifecycle: "Pending", launchTime: NOW - 60_000 });
    const result = plan({ services: [service("web", 12)], instances: [instance("i-1", tasks(4)), pending] });
    expect(result).toMatchObject({ desiredInstances: 3, step: 1 });
    expect(codes(result)).toEqual(["CapacityNeeded", "InstancesWarmingUp"]);
  });

  it.each([
    ["minimum step raises a small gap", { minimumScalingStepSize: 3 }, 8, 1, 3],
    ["maximum step cuts a large gap", { maximumScalingStepSize: 10, maxInstances: 100 }, 100, 24, 10],
    ["max instances cuts the minimum step", { minimumScalingStepSize: 3, maxInstances: 3 }, 8, 1, 2],
  ])("step sizes: %s", (_, overrides, desiredTasks, gap, step) => {
    const result = plan({
      config: config(overrides),
      services: [service("web", desiredTasks)],
      instances: [instance("i-1", tasks(4))],
    });
    expect(result.step).toBe(step);
    expect(result.desiredInstances).toBe(1 + step);
    expect(reason(result, "StepClamped")).toContain(`${gap} instance${gap === 1 ? "" : "s"} short`);
  });

  it("max instances: launches up to max and says how many tasks stay pending", () => {
    const result = plan({ config: config({ maxInstances: 2 }), services: [service("web", 16)] });
    expect(result).toMatchObject({ desiredInstances: 2, step: 2, action: "ScaleOut" });
    expect(reason(result, "AtMaxInstances")).toBe(
      "4 instances wanted, capped at max 2: 8 tasks stay pending",
    );
  });

  it("already at max: holds and keeps reporting the pending tasks", () => {
    const result = plan({
      config: config({ maxInstances: 1 }),
      services: [service("web", 6)],
      instances: [instance("i-1", tasks(4))],
    });
    expect(result).toMatchObject({ desiredInstances: 1, step: 0, action: "None" });
    expect(reason(result, "AtMaxInstances")).toContain("2 tasks stay pending");
  });

  it.each([
    [100, 4, 4],
    [80, 4, 5],
    [80, 3, 4],
    [50, 3, 6],
  ])(
    "target capacity %i percent: %i instances needed, %i desired (spare as ECS keeps it)",
    (pct, needed, desired) => {
      const result = plan({
        config: config({ targetCapacity: pct }),
        services: [service("web", needed * 4)],
      });
      expect(result.desiredInstances).toBe(desired);
    },
  );

  it("min instances: scales out to min with no demand", () => {
    const result = plan({ config: config({ minInstances: 2 }) });
    expect(result).toMatchObject({ desiredInstances: 2, step: 2, action: "ScaleOut" });
    expect(codes(result)).toEqual(["AtMinInstances"]);
  });

  it("min instances win over the maximum step", () => {
    const result = plan({ config: config({ minInstances: 5, maximumScalingStepSize: 2 }) });
    expect(result).toMatchObject({ desiredInstances: 5, step: 5 });
  });

  it("tasks on a draining instance need a place too", () => {
    const draining = instance("i-1", tasks(4), { draining: true });
    const result = plan({ services: [service("web", 4)], instances: [draining] });
    expect(result).toMatchObject({ desiredInstances: 1, step: 1, reservation: 200 });
  });

  it("host ports: 3 tasks on port 80 need 3 instances", () => {
    const result = plan({
      services: [service("web", 3, { task: { cpu: 256, memory: 512, hostPorts: [80] } })],
    });
    expect(result.desiredInstances).toBe(3);
  });

  it("ECS does not move running tasks: a task that fits no free space gets a new instance", () => {
    // Each instance has 2048 CPU units free; the new 3072-unit task fits neither, though a repack would need 2.
    const result = plan({
      services: [
        service("a", 2, { task: { cpu: 2048, memory: 1024, hostPorts: [] } }),
        service("b", 1, { task: { cpu: 3072, memory: 1024, hostPorts: [] } }),
      ],
      instances: [
        instance("i-1", [task("a", { cpu: 2048, memory: 1024 })]),
        instance("i-2", [task("a", { cpu: 2048, memory: 1024 })]),
      ],
    });
    expect(result).toMatchObject({ desiredInstances: 3, step: 1, reservation: 150 });
    expect(reason(result, "CapacityNeeded")).toContain("need 3 instances (2 if packed from empty)");
  });

  it("a task larger than one instance is reported and not counted", () => {
    const result = plan({
      services: [service("big", 2, { task: { cpu: 8192, memory: 1024, hostPorts: [] } })],
    });
    expect(result).toMatchObject({ desiredInstances: 0, step: 0, action: "None" });
    expect(reason(result, "TaskTooLarge")).toBe(
      `2 tasks of big (8192 CPU units, 1024 MiB) exceed one instance (${SHAPE.cpu} CPU units, ${SHAPE.memory} MiB): not counted, no new instance can run them`,
    );
  });

  it("protects busy instances and records the scale-out", () => {
    const result = plan({
      services: [service("web", 6, { scalingOut: true })],
      instances: [instance("i-1", tasks(4)), instance("i-2", [], { launchTime: LONG_AGO })],
    });
    expect(result.protect).toEqual(["i-1"]);
    expect(result.state).toEqual({ version: 1, unneededSince: {}, protectedByGantry: ["i-1"] });
  });
});

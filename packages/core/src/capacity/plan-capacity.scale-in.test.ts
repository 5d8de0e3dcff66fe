import { describe, expect, it } from "vitest";
import { placeOnto } from "./bin-packing.ts";
import type { CapacityPlan, CapacityPlanInput, InstanceState } from "./cluster-model.ts";
import { binOf } from "./instance-status.ts";
import {
  codes,
  config,
  instance,
  LONG_AGO,
  NOW,
  plan,
  reason,
  service,
  task,
  tasks,
} from "./test-support.ts";

const UNNEEDED_LONG_AGO = NOW - 700_000;
const ALL_UNNEEDED = {
  "i-1": UNNEEDED_LONG_AGO,
  "i-2": UNNEEDED_LONG_AGO,
  "i-3": UNNEEDED_LONG_AGO,
  "i-4": UNNEEDED_LONG_AGO,
};

/** 4 tasks spread over 4 instances that one instance could hold; everything unneeded for 700 s. */
function spread(overrides: Partial<CapacityPlanInput> = {}, instances = fourInstances()): CapacityPlan {
  return plan({
    services: [service("web", 4)],
    instances,
    state: { version: 1, lastScaleOutAt: NOW - 3_600_000, unneededSince: ALL_UNNEEDED },
    ...overrides,
  });
}

function fourInstances(patch: Record<string, Partial<InstanceState>> = {}): InstanceState[] {
  return [
    instance("i-1", tasks(2), patch["i-1"]),
    instance("i-2", tasks(1), { launchTime: LONG_AGO + 1000, ...patch["i-2"] }),
    instance("i-3", tasks(1), patch["i-3"]),
    instance("i-4", [], patch["i-4"]),
  ];
}

/** Drained instances' tasks, re-placed FFD onto the in-service instances that stay: nothing may strand. */
function stranded(result: CapacityPlan, instances: InstanceState[]): number {
  const leaving = new Set(result.drain);
  const staying = instances.filter((i) => i.lifecycle === "InService" && !i.draining && !leaving.has(i.id));
  const moving = instances.filter((i) => leaving.has(i.id)).flatMap((i) => i.tasks);
  return placeOnto(staying.map(binOf), moving).unplaced.length;
}

describe("planCapacity: scale-in drains only instances whose tasks fit elsewhere", () => {
  it("drains the emptiest instances first, newest first on ties, and protects the busy one left", () => {
    const result = spread();
    expect(result).toMatchObject({ desiredInstances: 1, step: -3, action: "ScaleIn", reservation: 75 });
    expect(result.drain).toEqual(["i-4", "i-2", "i-3"]);
    expect(result.protect).toEqual(["i-1"]);
    expect(stranded(result, fourInstances())).toBe(0);
    expect(reason(result, "DrainInstances")).toBe(
      "draining i-4, i-2, i-3 (2 tasks): the placement simulation fits every task on the 1 remaining instance",
    );
  });

  it.each([
    ["a service scaling out", { services: [service("web", 4, { scalingOut: true })] }, "ServiceScalingOut"],
    [
      "a deployment in progress",
      { services: [service("web", 4, { deploymentInProgress: true })] },
      "DeploymentInProgress",
    ],
    [
      "a scale-out 300 s ago",
      { state: { version: 1 as const, lastScaleOutAt: NOW - 300_000, unneededSince: ALL_UNNEEDED } },
      "DelayAfterScaleOut",
    ],
  ])("no scale-in with %s; unneeded time keeps counting", (_, overrides, code) => {
    const result = spread(overrides);
    expect(result).toMatchObject({ desiredInstances: 4, step: 0, action: "None", drain: [] });
    expect(codes(result)).toContain(code);
    expect(result.state.unneededSince).toEqual({
      "i-4": UNNEEDED_LONG_AGO,
      "i-2": UNNEEDED_LONG_AGO,
      "i-3": UNNEEDED_LONG_AGO,
    });
  });

  it("waits until an instance has been unneeded for scaleInUnneededSeconds", () => {
    const first = spread({ state: undefined });
    expect(first).toMatchObject({ action: "None", drain: [] });
    expect(reason(first, "UnneededTooShort")).toBe(
      "unneeded i-4 for 0 s, i-2 for 0 s, i-3 for 0 s: drained after 600 s unneeded",
    );
    expect(first.state.unneededSince).toEqual({ "i-4": NOW, "i-2": NOW, "i-3": NOW });
    const early = spread({ now: NOW + 599_000, state: first.state });
    expect(early.drain).toEqual([]);
    const later = spread({ now: NOW + 600_000, state: first.state });
    expect(later.drain).toEqual(["i-4", "i-2", "i-3"]);
  });

  it("keeps an instance whose tasks would not fit elsewhere and drains one whose tasks do", () => {
    const a = { cpu: 2048, memory: 1024, hostPorts: [] };
    const b = { cpu: 1024, memory: 1024, hostPorts: [] };
    const instances = [
      instance("i-1", [task("a", a), task("b", b)]),
      instance("i-2", [task("a", a), task("b", b)]),
      instance("i-3", [task("a", a)]), // emptiest, but no one has 2048 units free
    ];
    const result = spread(
      { services: [service("a", 3, { task: a }), service("b", 2, { task: b })] },
      instances,
    );
    expect(result.drain).toEqual(["i-1"]);
    expect(reason(result, "TasksWouldNotFit")).toBe(
      "kept i-3 (1 task would not fit): draining would strand tasks the other instances have no room for",
    );
    expect(stranded(result, instances)).toBe(0);
  });

  it("never drains instances protected by someone else", () => {
    const instances = fourInstances({
      "i-2": { protectedFromScaleIn: true },
      "i-4": { protectedFromScaleIn: true },
    });
    const result = spread({}, instances);
    expect(result.drain).toEqual(["i-3", "i-1"]);
    expect(result.unprotect).toEqual([]);
    expect(result.protect).toEqual(["i-2"]);
    expect(result.state.protectedByGantry).toEqual([]); // i-2's protection is the user's
  });

  it("drains instances Gantry protected itself, and lifts that protection", () => {
    const instances = fourInstances(
      Object.fromEntries(["i-1", "i-2", "i-3", "i-4"].map((id) => [id, { protectedFromScaleIn: true }])),
    );
    const state = {
      version: 1 as const,
      unneededSince: ALL_UNNEEDED,
      protectedByGantry: ["i-1", "i-2", "i-3", "i-4"],
    };
    const result = spread({ state }, instances);
    expect(result.drain).toEqual(["i-4", "i-2", "i-3"]);
    expect(result.unprotect).toEqual(["i-2", "i-3", "i-4"]);
    expect(result.state.protectedByGantry).toEqual(["i-1"]);
  });

  it("never goes below min instances", () => {
    const result = spread({ config: config({ minInstances: 3 }) });
    expect(result).toMatchObject({ desiredInstances: 3, step: -1, drain: ["i-4"] });
    expect(reason(result, "AtMinInstances")).toBe("1 instances wanted, held at min 3");
  });

  it("drains at most maximumScalingStepSize instances per step", () => {
    const result = spread({ config: config({ maximumScalingStepSize: 2 }) });
    expect(result.drain).toEqual(["i-4", "i-2"]);
    expect(reason(result, "StepClamped")).toBe(
      "at most 2 instances drained per step (maximumScalingStepSize): i-3 wait",
    );
  });

  it("never drains an instance still warming up (it takes the others' tasks instead)", () => {
    const result = spread({}, fourInstances({ "i-4": { launchTime: NOW - 100_000 } }));
    expect(result.drain).toEqual(["i-2", "i-3", "i-1"]);
    expect(result.state.unneededSince).not.toHaveProperty("i-4");
    expect(codes(result)).toContain("InstancesWarmingUp");
  });

  it("a task that cannot start (crash loop) does not block scale-in, but keeps room for itself", () => {
    const result = spread({ services: [service("web", 5)] });
    expect(result.drain).toEqual(["i-4", "i-2"]);
    expect(result.desiredInstances).toBe(2);
  });

  it("above max with scale-in blocked: desired goes to max, busy instances stay protected", () => {
    const result = spread({
      config: config({ maxInstances: 2 }),
      services: [service("web", 4, { scalingOut: true })],
    });
    expect(result).toMatchObject({ desiredInstances: 2, step: -2, action: "ScaleIn", drain: [] });
    expect(result.protect).toEqual(["i-1", "i-2", "i-3"]);
    expect(reason(result, "AtMaxInstances")).toContain("4 usable instances above max 2");
  });

  it("holds when the cluster is packed", () => {
    const result = plan({
      services: [service("web", 8)],
      instances: [instance("i-1", tasks(4)), instance("i-2", tasks(4))],
    });
    expect(result).toMatchObject({ desiredInstances: 2, step: 0, action: "None", reservation: 100 });
    expect(codes(result)).toEqual(["AlreadyHasCapacity"]);
    expect(result.state.unneededSince).toEqual({});
  });
});

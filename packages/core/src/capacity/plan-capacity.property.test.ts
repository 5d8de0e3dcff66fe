import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fits, placeOnto } from "./bin-packing.ts";
import type { CapacityPlanInput, InstanceState, ServiceDemand, TaskResources } from "./cluster-model.ts";
import { binOf, isUsable } from "./instance-status.ts";
import { planCapacity } from "./plan-capacity.ts";
import { config, instance, NOW, SHAPE, service } from "./test-support.ts";

const rare = fc.integer({ min: 0, max: 5 }).map((n) => n === 0);
const veryRare = fc.integer({ min: 0, max: 15 }).map((n) => n === 0);
const resources: fc.Arbitrary<TaskResources> = fc.record({
  cpu: fc.constantFrom(256, 512, 1024, 2048, 3072),
  memory: fc.constantFrom(512, 1024, 2048, 4096, 6144),
  hostPorts: fc.constantFrom<number[]>([], [], [], [], [80], [8080]),
});
const serviceArb = fc.record({
  desiredCount: fc.integer({ min: 0, max: 12 }),
  /** Most of the time a service wants about what it runs, so that scale-in has work to do. */
  followsPlaced: fc.boolean(),
  shrink: fc.integer({ min: 0, max: 3 }),
  task: resources,
  scalingOut: veryRare,
  deploymentInProgress: veryRare,
});
const instanceArb = fc.record({
  lifecycle: fc.constantFrom("InService", "InService", "InService", "InService", "Pending", "Terminating"),
  draining: rare,
  protectedFromScaleIn: rare,
  gantryProtected: fc.boolean(),
  ageSeconds: fc.integer({ min: 0, max: 7200 }),
  big: rare,
  fill: fc.array(fc.nat({ max: 4 }), { maxLength: 10 }),
  unneededForSeconds: fc.option(fc.integer({ min: 0, max: 3000 }), { freq: 5 }),
});
const clusterArb = fc.record({
  services: fc.array(serviceArb, { maxLength: 4 }),
  instances: fc.array(instanceArb, { maxLength: 10 }),
  min: fc.integer({ min: 0, max: 3 }),
  spread: fc.integer({ min: 2, max: 12 }),
  targetCapacity: fc.constantFrom(50, 80, 100, 100),
  minStep: fc.integer({ min: 1, max: 3 }),
  maxStep: fc.integer({ min: 3, max: 6 }),
  lastScaleOutAgo: fc.option(fc.integer({ min: 0, max: 20_000 })),
  /** A quiet cluster (all in service, long unneeded, no guard): where consolidation drains busy instances. */
  calm: fc.boolean(),
  headroom: fc.constantFrom(0, 0, 1, 2, 4),
  band: fc.constantFrom(0, 0, 2),
});

type Cluster = typeof clusterArb extends fc.Arbitrary<infer T> ? T : never;

/** A random but consistent cluster: each instance holds only tasks that fit on it. */
function build(generated: Cluster): CapacityPlanInput {
  const cluster = generated.calm ? calm(generated) : generated;
  const services: ServiceDemand[] = cluster.services.map((s, k) =>
    service(`svc-${k}`, s.desiredCount, {
      task: s.task,
      scalingOut: s.scalingOut,
      deploymentInProgress: s.deploymentInProgress,
    }),
  );
  const instances = cluster.instances.map((spec, k): InstanceState => {
    let bin = binOf(instance(`i-${k}`, [], spec.big ? { cpu: 8192, memory: 16_384 } : {}));
    for (const pick of spec.lifecycle === "Pending" ? [] : spec.fill) {
      const owner = services[pick];
      const task = owner
        ? { serviceId: owner.serviceId, ...owner.task }
        : { serviceId: "other", ...SMALL_OTHER };
      if (fits(bin, task)) bin = placeOnto([bin], [task]).bins[0] ?? bin;
    }
    return instance(`i-${k}`, bin.tasks, {
      cpu: bin.cpu,
      memory: bin.memory,
      lifecycle: spec.lifecycle as InstanceState["lifecycle"],
      draining: spec.draining,
      protectedFromScaleIn: spec.protectedFromScaleIn,
      launchTime: NOW - spec.ageSeconds * 1000,
    });
  });
  for (const [k, spec] of cluster.services.entries()) {
    const demand = services[k] as ServiceDemand;
    if (!spec.followsPlaced) continue;
    const placed = instances
      .filter(isUsable)
      .flatMap((i) => i.tasks.filter((t) => t.serviceId === demand.serviceId));
    demand.desiredCount = Math.max(0, placed.length - spec.shrink);
  }
  const unneededSince = Object.fromEntries(
    cluster.instances.flatMap((spec, k) =>
      spec.unneededForSeconds === null ? [] : [[`i-${k}`, NOW - spec.unneededForSeconds * 1000]],
    ),
  );
  return {
    now: NOW,
    config: config({
      minInstances: cluster.min,
      maxInstances: cluster.min + cluster.spread,
      targetCapacity: cluster.targetCapacity,
      minimumScalingStepSize: cluster.minStep,
      maximumScalingStepSize: cluster.maxStep,
      headroomTasks: cluster.headroom,
      scaleInHeadroomTasks: cluster.headroom + cluster.band,
    }),
    services,
    instances,
    instanceShape: SHAPE,
    state: {
      version: 1,
      ...(cluster.lastScaleOutAgo !== null && { lastScaleOutAt: NOW - cluster.lastScaleOutAgo * 1000 }),
      unneededSince,
      protectedByGantry: cluster.instances.flatMap((spec, k) => (spec.gantryProtected ? [`i-${k}`] : [])),
    },
  };
}

const SMALL_OTHER = { cpu: 512, memory: 1024, hostPorts: [] };

function calm(cluster: Cluster): Cluster {
  return {
    ...cluster,
    lastScaleOutAgo: null,
    services: cluster.services.map((s) => ({
      ...s,
      scalingOut: false,
      deploymentInProgress: false,
      followsPlaced: true,
    })),
    instances: cluster.instances.map((i) => ({
      ...i,
      lifecycle: "InService",
      draining: false,
      protectedFromScaleIn: false,
      ageSeconds: 3600,
      unneededForSeconds: 3000,
    })),
  };
}

describe("planCapacity properties", () => {
  it("a scale-in that follows the placement simulation never strands a task, and stays in [min, max]", () => {
    let busyDrained = 0;
    fc.assert(
      fc.property(clusterArb, (cluster) => {
        const input = build(cluster);
        const plan = planCapacity(input);
        const leaving = new Set(plan.drain);
        const staying = input.instances.filter(
          (i) => i.lifecycle === "InService" && !i.draining && !leaving.has(i.id),
        );
        const moving = input.instances.filter((i) => leaving.has(i.id)).flatMap((i) => i.tasks);
        expect(placeOnto(staying.map(binOf), moving).unplaced).toEqual([]);

        const { minInstances, maxInstances, maximumScalingStepSize } = input.config;
        expect(plan.desiredInstances).toBeGreaterThanOrEqual(minInstances);
        expect(plan.desiredInstances).toBeLessThanOrEqual(maxInstances);
        expect(plan.step).toBe(plan.desiredInstances - input.instances.filter(isUsable).length);
        expect(plan.drain.length).toBeLessThanOrEqual(maximumScalingStepSize);
        busyDrained += input.instances.filter((i) => leaving.has(i.id) && i.tasks.length > 0).length;
      }),
      { numRuns: 600 },
    );
    expect(busyDrained).toBeGreaterThan(50); // not vacuous: busy instances were drained, their tasks moved
  });

  it("drains only in-service, warmed-up instances nobody else protected, and never while services move", () => {
    fc.assert(
      fc.property(clusterArb, (cluster) => {
        const input = build(cluster);
        const plan = planCapacity(input);
        const gantry = new Set(input.state?.protectedByGantry);
        for (const id of plan.drain) {
          const drained = input.instances.find((i) => i.id === id) as InstanceState;
          expect(drained.lifecycle).toBe("InService");
          expect(drained.draining).toBe(false);
          expect(drained.protectedFromScaleIn && !gantry.has(id)).toBe(false);
          expect(NOW - drained.launchTime).toBeGreaterThanOrEqual(input.config.instanceWarmupSeconds * 1000);
          expect(NOW - (input.state?.unneededSince[id] ?? NOW)).toBeGreaterThanOrEqual(600_000);
        }
        if (input.services.some((s) => s.scalingOut || s.deploymentInProgress))
          expect(plan.drain).toEqual([]);
        expect(plan.protect.some((id) => leavingOf(plan.drain).has(id))).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it("is deterministic and plain JSON", () => {
    fc.assert(
      fc.property(clusterArb, (cluster) => {
        const input = build(cluster);
        const plan = planCapacity(input);
        expect(planCapacity(structuredClone(input))).toEqual(plan);
        expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
      }),
      { numRuns: 200 },
    );
  });
});

function leavingOf(drain: readonly string[]): Set<string> {
  return new Set(drain);
}

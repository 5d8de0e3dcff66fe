import { describe, expect, it } from "vitest";
import { createGantryScaler } from "../scalers/gantry.ts";
import type { Trace } from "../traces/trace.ts";
import { type CapacityScalerName, runClusterSimulation } from "./run-cluster-simulation.ts";

/** Quiet, then a burst of 20 msg/s for 10 minutes, then quiet: 30 minutes per minute bucket. */
function burst(name: string, offsetMin: number): Trace {
  const counts = new Float64Array(40).map((_, m) => (m >= offsetMin && m < offsetMin + 10 ? 1200 : 30));
  return { name, description: name, bucketSeconds: 60, counts, scale: 1 };
}

function run(
  capacity: CapacityScalerName,
  onSecond?: Parameters<typeof runClusterSimulation>[0]["onSecond"],
  intervalSeconds?: number,
) {
  const bounds = { minCapacity: 0, maxCapacity: 40 };
  const service = (name: string, offset: number) => ({
    name,
    trace: burst(name, offset),
    task: { cpu: 1024, memory: 2048 },
    bounds,
    processingTimeSeconds: 1,
    initialDesired: 1,
    scaler: createGantryScaler({
      bounds,
      slo: { latencySeconds: 60, processingTimeSeconds: 1 },
      ...(intervalSeconds !== undefined && { intervalSeconds }),
    }),
  });
  return runClusterSimulation({
    services: [service("a", 5), service("b", 8)],
    capacity,
    capacityConfig: { maxInstances: 12, minInstances: 1 },
    instanceShape: { cpu: 4096, memory: 8192 },
    initialInstances: 1,
    ...(onSecond && { onSecond }),
  });
}

describe("runClusterSimulation", () => {
  it("gantry orders instances in the service scale-out's pass: less capacity wait than ecs-cas", () => {
    const gantry = run("gantry");
    const cas = run("ecs-cas");
    expect(gantry.capacityWaitTaskSeconds).toBeGreaterThan(0);
    expect(gantry.capacityWaitTaskSeconds).toBeLessThan(cas.capacityWaitTaskSeconds);
    expect(gantry.pendingTaskMaxS).toBeLessThan(cas.pendingTaskMaxS);
    expect(gantry.services.map((s) => s.messages)).toEqual(cas.services.map((s) => s.messages));
  });

  it.each<CapacityScalerName>(["gantry", "ecs-cas"])(
    "%s: instances stay within bounds, no task lands on a terminating instance",
    (capacity) => {
      const counts: number[] = [];
      const result = run(capacity, (_, cluster) => {
        counts.push(cluster.usableCount());
        for (const i of cluster.instances) expect(i.usedCpu).toBeLessThanOrEqual(i.shape.cpu);
      });
      expect(Math.max(...counts)).toBeLessThanOrEqual(12);
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
      expect(result.misplacedTasks).toBe(0);
      expect(result.instanceSeconds).toBeGreaterThan(0);
    },
  );

  it("gantry plans instances in the services' own pass, whatever their sub-tick", () => {
    const rises = new Set<number>();
    const launches: number[] = [];
    let desired: number[] = [];
    let usable: number | undefined;
    run(
      "gantry",
      (t, cluster, services) => {
        const now = services.map((s) => s.ecs.desired);
        if (now.some((d, i) => d > (desired[i] ?? d))) rises.add(t);
        if (usable !== undefined && cluster.usableCount() > usable) launches.push(t);
        [desired, usable] = [now, cluster.usableCount()];
      },
      5,
    );
    // Every launch comes in the very second a service's desired count rose, at 5-second passes: not on a grid of
    // its own (the 15 s default).
    expect(launches.filter((t) => !rises.has(t))).toEqual([]);
    expect(launches.filter((t) => t % 15_000 !== 0).length).toBeGreaterThan(0);
  });
});

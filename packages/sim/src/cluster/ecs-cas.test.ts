import { CapacityConfigSchema, type TaskFootprint } from "@gantry/core";
import { describe, expect, it } from "vitest";
import type { CapacityView } from "./capacity-scaler.ts";
import { Ec2Cluster } from "./ec2-cluster.ts";
import { createEcsCas } from "./ecs-cas.ts";

const MIN = 60_000;
const TASK = { cpu: 1024, memory: 2048 };
const config = CapacityConfigSchema.parse({ mode: "capacityProvider", name: "cp", maxInstances: 20 });

function setup(instances: number, tasks: number) {
  const cluster = new Ec2Cluster({
    instanceShape: { cpu: 4096, memory: 8192 },
    taskSizes: { a: TASK },
    initialInstances: instances,
  });
  for (let k = 0; k < tasks; k++) cluster.tryPlace("a", 0);
  return { cluster, cas: createEcsCas(config, { metricDelaySeconds: 0 }) };
}

const pending = (n: number): TaskFootprint[] =>
  Array.from({ length: n }, () => ({ serviceId: "a", ...TASK, hostPorts: [] }));
const view = (cluster: Ec2Cluster, now: number, provisioning = 0): CapacityView => ({
  now,
  cluster,
  services: [],
  provisioning: pending(provisioning),
});

describe("ecs-cas", () => {
  it("scales out after one datapoint above target: M = N + binpack of the PROVISIONING tasks", () => {
    const { cluster, cas } = setup(1, 4);
    cas.step(view(cluster, 10 * MIN, 5));
    expect(cas.datapoints[0]).toMatchObject({ needed: 3, running: 1, reservation: 300 });
    expect(cluster.usableCount()).toBe(3);
  });

  it("counts warming instances as capacity: the same need is not ordered twice", () => {
    const { cluster, cas } = setup(1, 4);
    cas.step(view(cluster, 10 * MIN, 4));
    cas.step(view(cluster, 11 * MIN, 4)); // the instance still launches: M/N still 200 %
    expect(cas.datapoints[1]?.reservation).toBe(200);
    expect(cluster.usableCount()).toBe(2);
  });

  it("N = 0 with tasks to place reads 200 and launches", () => {
    const { cluster, cas } = setup(0, 0);
    cas.step(view(cluster, 0, 1));
    expect(cas.datapoints[0]?.reservation).toBe(200);
    expect(cluster.usableCount()).toBe(1);
  });

  it("scales in only after 15 datapoints below target, by at most 50 %", () => {
    const { cluster, cas } = setup(8, 1);
    for (let m = 1; m < 15; m++) cas.step(view(cluster, 10 * MIN + m * MIN));
    expect(cluster.usableCount()).toBe(8);
    cas.step(view(cluster, 25 * MIN));
    expect(cas.datapoints.at(-1)?.reservation).toBe(12.5);
    expect(cluster.usableCount()).toBe(4);
    for (let m = 1; m < 15; m++) cas.step(view(cluster, 25 * MIN + m * MIN));
    expect(cluster.usableCount()).toBe(4);
    cas.step(view(cluster, 40 * MIN));
    expect(cluster.usableCount()).toBe(2);
  });

  it("by default acts on the datapoint of a minute ago: the alarm sees a datapoint once its minute is over", () => {
    const { cluster } = setup(1, 4);
    const cas = createEcsCas(config);
    cas.step(view(cluster, 10 * MIN, 5));
    expect(cluster.usableCount()).toBe(1); // measured (300 %), not yet seen by the alarm
    cas.step(view(cluster, 11 * MIN, 5));
    expect(cluster.usableCount()).toBe(3); // the 10-minute datapoint: M = 3
    cas.step(view(cluster, 12 * MIN, 5));
    expect(cluster.usableCount()).toBe(3); // 11 minutes: N = 1 in service, M = 3: nothing more to order
  });

  it("does not scale in while an instance warms up", () => {
    const { cluster, cas } = setup(4, 1);
    cluster.setDesiredInstances(5, 24 * MIN);
    for (let m = 11; m <= 25; m++) cas.step(view(cluster, m * MIN));
    expect(cluster.usableCount()).toBe(5);
  });
});

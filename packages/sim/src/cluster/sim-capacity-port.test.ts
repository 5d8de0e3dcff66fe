import { CapacityConfigSchema } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { Ec2Cluster } from "./ec2-cluster.ts";
import { createSimClusterCapacityPort } from "./sim-capacity-port.ts";

const SHAPE = { cpu: 4096, memory: 8192 };
const TASK = { cpu: 1024, memory: 2048 };
const A = "service/demo/a";
const GROUP = CapacityConfigSchema.parse({ mode: "asg", name: "workers", maxInstances: 10 });

function setup(initialInstances = 2, launchSeconds = 120) {
  let now = 0;
  const cluster = new Ec2Cluster({
    instanceShape: SHAPE,
    taskSizes: { [A]: TASK },
    initialInstances,
    launchSeconds,
    terminateDrainedWhenEmpty: false,
  });
  const port = createSimClusterCapacityPort({
    cluster,
    clock: { now: () => now },
    groupName: "workers",
    clusterName: "demo",
    maxSize: 6,
  });
  const at = (ms: number) => {
    now = ms;
  };
  return { cluster, port, at, read: () => port.describeCluster(GROUP, "demo", [A, "service/demo/web"]) };
}

describe("createSimClusterCapacityPort", () => {
  it("describes the group: instances and their tasks, known task sizes, MinSize and MaxSize", async () => {
    const { cluster, read } = setup();
    cluster.tryPlace(A, 0);
    const snapshot = await read();
    expect(snapshot).toMatchObject({
      instanceShape: SHAPE,
      groupDesired: 2,
      groupMinSize: 0,
      groupMaxSize: 6,
      taskSizes: { [A]: { ...TASK, hostPorts: [] } },
    });
    expect(snapshot.provider).toBeUndefined();
    expect(snapshot.instances.map((i) => [i.id, i.lifecycle, i.tasks.length])).toEqual([
      ["i-0001", "InService", 1],
      ["i-0002", "InService", 0],
    ]);
  });

  it("knows no instance size until one is in service, as ECS learns it at registration", async () => {
    const { port, read, at } = setup(0);
    await port.setDesiredInstances(GROUP, 1);
    expect((await read()).instanceShape).toBeUndefined();
    expect((await read()).instances[0]?.lifecycle).toBe("Pending");
    at(120_000);
    expect((await read()).instanceShape).toEqual(SHAPE);
  });

  it("answers NotFound for another group or cluster; refuses a desired capacity past MaxSize", async () => {
    const { port, read } = setup();
    const other = { ...GROUP, name: "other" };
    await expect(port.describeCluster(other, "demo", [A])).rejects.toMatchObject({ code: "NotFound" });
    await expect(port.describeCluster(GROUP, "prod", [A])).rejects.toMatchObject({ code: "NotFound" });
    await expect(port.drain("prod", ["i-0001"])).rejects.toMatchObject({ code: "NotFound" });
    await expect(port.setDesiredInstances(GROUP, 7)).rejects.toThrow("is above max value 6");
    await expect(port.setDesiredInstances(GROUP, -1)).rejects.toMatchObject({ code: "ValidationError" });
    expect((await read()).groupDesired).toBe(2);
  });

  it("launches when raised; lowered, never takes a protected or busy instance", async () => {
    const { cluster, port, read } = setup(3);
    cluster.tryPlace(A, 0); // on i-0001
    await port.setProtection(GROUP, ["i-0003"], true);
    await port.setDesiredInstances(GROUP, 0);
    const left = (await read()).instances;
    expect(left.map((i) => [i.id, i.protectedFromScaleIn])).toEqual([
      ["i-0001", false],
      ["i-0003", true],
    ]);
    await port.setDesiredInstances(GROUP, 4);
    expect((await read()).groupDesired).toBe(4);
  });

  it("refuses to protect an instance outside the group, changing nothing", async () => {
    const { port, read } = setup();
    await expect(port.setProtection(GROUP, ["i-0001", "i-0042"], true)).rejects.toThrow(/i-0042/);
    expect((await read()).instances.every((i) => !i.protectedFromScaleIn)).toBe(true);
  });

  it("drains: tasks move to room, the instance stays until terminated, missing ids return", async () => {
    const { cluster, port, read } = setup();
    cluster.tryPlace(A, 0);
    cluster.tryPlace(A, 0); // both on i-0001
    expect(await port.drain("demo", ["i-0001", "i-0042"])).toEqual({ missing: ["i-0042"] });
    const drained = (await read()).instances;
    expect(drained.map((i) => [i.id, i.draining, i.tasks.length])).toEqual([
      ["i-0001", true, 0],
      ["i-0002", false, 2],
    ]);
    // The group's desired capacity counts the draining instance until it is terminated.
    expect((await read()).groupDesired).toBe(2);
    await port.setDesiredInstances(GROUP, 2);
    expect(cluster.instances).toHaveLength(2);
    await port.terminate(GROUP, ["i-0001"]);
    expect(await read()).toMatchObject({ groupDesired: 1, instances: [{ id: "i-0002" }] });
  });

  it("moves a draining instance's tasks once an instance with room is in service", async () => {
    const { cluster, port, read, at } = setup(1);
    cluster.tryPlace(A, 0);
    await port.drain("demo", ["i-0001"]);
    await port.setDesiredInstances(GROUP, 2); // 1 planned + 1 draining
    expect((await read()).instances.map((i) => i.tasks.length)).toEqual([1, 0]);
    at(120_000);
    expect((await read()).instances.map((i) => i.tasks.length)).toEqual([0, 1]);
  });

  it("terminates nothing when an instance named still has tasks", async () => {
    const { cluster, port, read } = setup();
    cluster.tryPlace(A, 0);
    await expect(port.terminate(GROUP, ["i-0002", "i-0001"])).rejects.toMatchObject({
      code: "ValidationError",
    });
    expect((await read()).groupDesired).toBe(2);
  });

  it("needs a cluster that leaves drained instances for Gantry to terminate", () => {
    const cluster = new Ec2Cluster({ instanceShape: SHAPE, taskSizes: {} });
    expect(() =>
      createSimClusterCapacityPort({ cluster, clock: { now: () => 0 }, groupName: "g", clusterName: "c" }),
    ).toThrow(/drained instances/);
  });

  it("describes a capacity provider's settings, and turns its managed scaling and protection off on takeover", async () => {
    const cluster = new Ec2Cluster({ instanceShape: SHAPE, taskSizes: {}, terminateDrainedWhenEmpty: false });
    const provider = { managedScaling: true, managedTerminationProtection: true, targetCapacity: 75 };
    const options = { cluster, clock: { now: () => 0 }, groupName: "cp", clusterName: "c", provider };
    const port = createSimClusterCapacityPort(options);
    const cp = CapacityConfigSchema.parse({ mode: "capacityProvider", name: "cp", maxInstances: 4 });
    expect((await port.describeCluster(cp, "c", [])).provider).toEqual(provider);
    await port.takeOverScaling(cp);
    expect((await port.describeCluster(cp, "c", [])).provider).toEqual({
      managedScaling: false,
      managedTerminationProtection: false,
      targetCapacity: 75,
    });
    expect(provider.managedScaling).toBe(true); // the options are not changed
  });

  it("refuses a takeover of a plain Auto Scaling group, as ECS finds no such provider", async () => {
    const { port } = setup();
    await expect(port.takeOverScaling(GROUP)).rejects.toMatchObject({ code: "NotFound" });
  });
});

import { describe, expect, it } from "vitest";
import { type Bin, emptyBin, fits, instancesNeeded, placeOnto, sortDecreasing } from "./bin-packing.ts";
import type { TaskFootprint } from "./cluster-model.ts";
import { SHAPE, task, tasks } from "./test-support.ts";

const cpuHeavy = (n: number) => tasks(n, "cpu", { cpu: 3072, memory: 1024 });
const memHeavy = (n: number) => tasks(n, "mem", { cpu: 1024, memory: 6144 });
const port80 = (n: number) => tasks(n, "web", { cpu: 256, memory: 512, hostPorts: [80] });

describe("instancesNeeded: first-fit-decreasing over CPU, memory and host ports", () => {
  it.each<[string, TaskFootprint[], number, number]>([
    ["no tasks", [], 0, 0],
    ["homogeneous: 10 quarter-size tasks", tasks(10), 3, 0],
    ["homogeneous: exactly full", tasks(8, "web", { cpu: 2048, memory: 4096 }), 4, 0],
    ["memory bound: 5 tasks of 3 GiB", tasks(5, "web", { cpu: 256, memory: 3072 }), 3, 0],
    ["mixed: CPU-heavy and memory-heavy tasks pair up", [...cpuHeavy(4), ...memHeavy(4)], 4, 0],
    ["mixed: input order does not matter", [...memHeavy(4), ...cpuHeavy(4)], 4, 0],
    ["big first: 3/4, 1/2, 1/4, 1/2, 1/4, 3/4", mixedSizes(), 3, 0],
    ["host port 80: one task per instance", port80(4), 4, 0],
    [
      "different host ports share an instance",
      [task("a", { hostPorts: [80] }), task("b", { hostPorts: [443] })],
      1,
      0,
    ],
    ["awsvpc / dynamic ports never conflict", tasks(4, "web", { cpu: 256, memory: 512 }), 1, 0],
    [
      "port-bound tasks with port-free ones",
      [...port80(2), ...tasks(2, "w", { cpu: 256, memory: 512 })],
      2,
      0,
    ],
    [
      "a task larger than one instance: reported, not counted",
      [task("big", { cpu: 8192 }), ...tasks(2)],
      1,
      1,
    ],
    ["only too-large tasks", tasks(3, "big", { memory: 16_384 }), 0, 3],
    ["a task exactly one instance", [task("whole", { cpu: 4096, memory: 8192 })], 1, 0],
  ])("%s → %i instances", (_, input, count, tooLarge) => {
    const packing = instancesNeeded(input, SHAPE);
    expect(packing.count).toBe(count);
    expect(packing.tooLarge).toHaveLength(tooLarge);
    expect(packing.bins.every(withinBounds)).toBe(true);
    expect(packing.bins.flatMap((b) => b.tasks)).toHaveLength(input.length - tooLarge);
  });

  it("sorts by the dominant resource share, port-bound tasks first on ties", () => {
    const order = sortDecreasing(
      [
        task("small"),
        task("mem", { memory: 6144 }),
        task("cpu", { cpu: 2048 }),
        task("port", { hostPorts: [80] }),
      ],
      SHAPE,
    );
    expect(order.map((t) => t.serviceId)).toEqual(["mem", "cpu", "port", "small"]);
  });
});

describe("placeOnto: fits tasks into the free space of existing instances", () => {
  const half = (id: string, hostPorts: number[] = []): Bin => ({
    ...emptyBin(id, SHAPE),
    usedCpu: 2048,
    usedMemory: 4096,
    ports: hostPorts,
    tasks: [task("old", { cpu: 2048, memory: 4096, hostPorts })],
  });

  it.each<[string, Bin[], TaskFootprint[], number]>([
    ["no instances: everything unplaced", [], tasks(2), 2],
    ["no tasks", [half("i-1")], [], 0],
    ["free space takes what fits", [half("i-1"), half("i-2")], tasks(4), 0],
    ["the rest comes back", [half("i-1")], tasks(3), 1],
    ["memory is the limit", [half("i-1")], tasks(2, "m", { cpu: 256, memory: 3072 }), 1],
    ["a port taken on the instance", [half("i-1", [80])], [task("a", { hostPorts: [80] })], 1],
    ["the other instance has the port free", [half("i-1", [80]), half("i-2")], port80(1), 0],
    ["two tasks with one port cannot share", [half("i-1")], port80(2), 1],
  ])("%s", (_, bins, input, unplaced) => {
    const before = structuredClone(bins);
    const placement = placeOnto(bins, input);
    expect(placement.unplaced).toHaveLength(unplaced);
    expect(placement.bins.every(withinBounds)).toBe(true);
    expect(bins).toEqual(before); // pure: the bins passed in are untouched
  });

  it("places first fit, in instance order", () => {
    const placement = placeOnto([half("i-1"), emptyBin("i-2", SHAPE)], tasks(1));
    expect(placement.bins.map((b) => b.tasks.length)).toEqual([2, 0]);
  });

  it("fits checks CPU, memory and ports together", () => {
    expect(fits(half("i-1", [80]), task("a", { cpu: 2048, memory: 4096 }))).toBe(true);
    expect(fits(half("i-1", [80]), task("a", { cpu: 2049 }))).toBe(false);
    expect(fits(half("i-1", [80]), task("a", { hostPorts: [443, 80] }))).toBe(false);
  });
});

function mixedSizes(): TaskFootprint[] {
  return [3072, 2048, 1024, 2048, 1024, 3072].map((cpu) => task("m", { cpu, memory: 1024 }));
}

function withinBounds(bin: Bin): boolean {
  const cpu = bin.tasks.reduce((n, t) => n + t.cpu, 0);
  const memory = bin.tasks.reduce((n, t) => n + t.memory, 0);
  const ports = bin.tasks.flatMap((t) => t.hostPorts);
  return cpu <= bin.cpu && memory <= bin.memory && new Set(ports).size === ports.length;
}

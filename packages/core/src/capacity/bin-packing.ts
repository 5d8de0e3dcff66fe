import type { TaskFootprint } from "./cluster-model.ts";

// First-fit-decreasing over CPU, memory and host ports. Pure: the bins passed in are never changed.

export interface Shape {
  cpu: number;
  memory: number;
}

/** One instance during packing: its size, what it already holds and the host ports taken. */
export interface Bin extends Shape {
  id: string;
  usedCpu: number;
  usedMemory: number;
  ports: number[];
  tasks: TaskFootprint[];
}

export interface Placement {
  bins: Bin[];
  unplaced: TaskFootprint[];
}

export interface Packing {
  /** How many instances of the shape hold the tasks. */
  count: number;
  bins: Bin[];
  /** Tasks larger than one instance: neither placed nor counted. */
  tooLarge: TaskFootprint[];
}

export function emptyBin(id: string, shape: Shape): Bin {
  return { id, cpu: shape.cpu, memory: shape.memory, usedCpu: 0, usedMemory: 0, ports: [], tasks: [] };
}

/** A task fits when CPU and memory remain and none of its host ports is taken. */
export function fits(bin: Bin, task: TaskFootprint): boolean {
  return (
    bin.usedCpu + task.cpu <= bin.cpu &&
    bin.usedMemory + task.memory <= bin.memory &&
    task.hostPorts.every((port) => !bin.ports.includes(port))
  );
}

export function exceeds(task: TaskFootprint, shape: Shape): boolean {
  return task.cpu > shape.cpu || task.memory > shape.memory;
}

/** The task's share of its scarcest resource: the sort key that makes FFD work on two dimensions. */
export function dominantShare(task: TaskFootprint, shape: Shape): number {
  return Math.max(ratio(task.cpu, shape.cpu), ratio(task.memory, shape.memory));
}

/** Largest first; on ties, tasks with host ports first (they have fewer places to go), then by service. */
export function sortDecreasing(tasks: readonly TaskFootprint[], shape: Shape): TaskFootprint[] {
  const keyed = tasks.map((task) => ({ task, share: dominantShare(task, shape) }));
  keyed.sort(
    (a, b) =>
      b.share - a.share ||
      b.task.hostPorts.length - a.task.hostPorts.length ||
      a.task.serviceId.localeCompare(b.task.serviceId),
  );
  return keyed.map((k) => k.task);
}

/** Fits tasks into the free space of existing bins, first fit in bin order; what fits nowhere comes back. */
export function placeOnto(bins: readonly Bin[], tasks: readonly TaskFootprint[]): Placement {
  const work = bins.map(copyBin);
  const unplaced: TaskFootprint[] = [];
  for (const task of sortDecreasing(tasks, largestShape(bins))) {
    const bin = work.find((b) => fits(b, task));
    if (bin) put(bin, task);
    else unplaced.push(task);
  }
  return { bins: work, unplaced };
}

/** How many instances of one shape the tasks need, packed first-fit-decreasing from empty. */
export function instancesNeeded(tasks: readonly TaskFootprint[], shape: Shape): Packing {
  const bins: Bin[] = [];
  const tooLarge: TaskFootprint[] = [];
  for (const task of sortDecreasing(tasks, shape)) {
    if (exceeds(task, shape)) {
      tooLarge.push(task);
      continue;
    }
    let bin = bins.find((b) => fits(b, task));
    if (!bin) {
      bin = emptyBin(`new-${bins.length + 1}`, shape);
      bins.push(bin);
    }
    put(bin, task);
  }
  return { count: bins.length, bins, tooLarge };
}

function put(bin: Bin, task: TaskFootprint): void {
  bin.usedCpu += task.cpu;
  bin.usedMemory += task.memory;
  bin.ports.push(...task.hostPorts);
  bin.tasks.push(task);
}

function copyBin(bin: Bin): Bin {
  return { ...bin, ports: [...bin.ports], tasks: [...bin.tasks] };
}

function largestShape(bins: readonly Bin[]): Shape {
  return bins.reduce(
    (shape, b) => ({ cpu: Math.max(shape.cpu, b.cpu), memory: Math.max(shape.memory, b.memory) }),
    { cpu: 0, memory: 0 },
  );
}

function ratio(used: number, size: number): number {
  if (size > 0) return used / size;
  return used > 0 ? Number.POSITIVE_INFINITY : 0;
}

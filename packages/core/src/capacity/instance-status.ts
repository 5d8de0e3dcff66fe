import type { Bin } from "./bin-packing.ts";
import type { InstanceState } from "./cluster-model.ts";

/** Capacity the cluster has or is getting: in service or still launching, and not draining. */
export function isUsable(instance: InstanceState): boolean {
  return instance.lifecycle !== "Terminating" && !instance.draining;
}

/** Registered with ECS and accepting tasks: where the placement simulation may move tasks to. */
export function acceptsTasks(instance: InstanceState): boolean {
  return instance.lifecycle === "InService" && !instance.draining;
}

/** Still launching or younger than the warm-up: capacity coming, never a reason to launch more or to drain. */
export function isWarmingUp(instance: InstanceState, now: number, warmupSeconds: number): boolean {
  return instance.lifecycle === "Pending" || now - instance.launchTime < warmupSeconds * 1000;
}

/** Protection Gantry did not set itself: someone pinned the instance, so it is never drained. */
export function isUserProtected(instance: InstanceState, protectedByGantry: ReadonlySet<string>): boolean {
  return instance.protectedFromScaleIn && !protectedByGantry.has(instance.id);
}

export function binOf(instance: InstanceState): Bin {
  let usedCpu = 0;
  let usedMemory = 0;
  for (const task of instance.tasks) {
    usedCpu += task.cpu;
    usedMemory += task.memory;
  }
  return {
    id: instance.id,
    cpu: instance.cpu,
    memory: instance.memory,
    usedCpu,
    usedMemory,
    ports: instance.tasks.flatMap((t) => t.hostPorts),
    tasks: [...instance.tasks],
  };
}

/** The busiest resource's share: scale-in tries the emptiest instances first. */
export function utilization(bin: Bin): number {
  const cpu = bin.cpu > 0 ? bin.usedCpu / bin.cpu : 0;
  const memory = bin.memory > 0 ? bin.usedMemory / bin.memory : 0;
  return Math.max(cpu, memory);
}

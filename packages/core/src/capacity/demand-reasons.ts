import type { Shape } from "./bin-packing.ts";
import type { CapacityReason } from "./capacity-reason.ts";
import type { CapacityPlanInput, TaskFootprint } from "./cluster-model.ts";
import { count } from "./counting.ts";
import type { Demand } from "./demand.ts";
import { isHeadroom } from "./headroom.ts";
import { isUsable, isWarmingUp } from "./instance-status.ts";

/** "40 tasks and room for 2 more tasks need 11 instances (14 at target capacity 80 %); 8 usable instances". */
export function demandSummary(
  demand: Demand,
  wanted: number,
  current: number,
  targetCapacity: number,
): string {
  const notes: string[] = [];
  if (demand.placed > demand.ideal) notes.push(`${demand.ideal} if packed from empty`);
  if (targetCapacity < 100) notes.push(`${wanted} at target capacity ${targetCapacity} %`);
  const detail = notes.length > 0 ? ` (${notes.join(", ")})` : "";
  const room = demand.toPlace.filter(isHeadroom).length;
  const placing = demand.toPlace.length - room;
  const toPlace = placing > 0 ? ` (${placing} to place)` : "";
  const headroom = room > 0 ? ` and room for ${count(room, "more task")}` : "";
  return `${count(demand.tasks - room, "task")}${toPlace}${headroom} need ${count(demand.needed, "instance")}${detail}; ${count(current, "usable instance")}`;
}

/** One reason per service whose task is bigger than the instance type the group launches. */
export function tooLargeReasons(tooLarge: readonly TaskFootprint[], shape: Shape): CapacityReason[] {
  const byService = new Map<string, TaskFootprint[]>();
  for (const task of tooLarge)
    byService.set(task.serviceId, [...(byService.get(task.serviceId) ?? []), task]);
  return [...byService].map(([serviceId, tasks]) => {
    const task = tasks[0] as TaskFootprint;
    return {
      code: "TaskTooLarge",
      message:
        `${count(tasks.length, "task")} of ${serviceId} (${task.cpu} CPU units, ${task.memory} MiB) exceed one ` +
        `instance (${shape.cpu} CPU units, ${shape.memory} MiB): not counted, no new instance can run them`,
    };
  });
}

/** Instances still launching or warming up count as capacity coming: not ordered again, not drained. */
export function warmingReasons(input: CapacityPlanInput): CapacityReason[] {
  const seconds = input.config.instanceWarmupSeconds;
  const warming = input.instances.filter((i) => isUsable(i) && isWarmingUp(i, input.now, seconds));
  if (warming.length === 0) return [];
  const launching = warming.filter((i) => i.lifecycle === "Pending").length;
  return [
    {
      code: "InstancesWarmingUp",
      message:
        `${count(warming.length, "instance")} warming up (${launching} launching, warm-up ${seconds} s): ` +
        "counted as capacity coming, never drained",
    },
  ];
}

import { exceeds, type Shape } from "./bin-packing.ts";
import type { CapacityConfig } from "./capacity-config.ts";
import type { ServiceDemand, TaskFootprint } from "./cluster-model.ts";

// Headroom is planned as a stand-in service: room for N more tasks is packed, counted and checked on scale-in
// exactly like N real tasks, so it never hides a real task and drains never take it away.

export const HEADROOM_SERVICE = "(headroom)";

/** Room kept on scale-out, and the (larger or equal) room scale-in must leave. */
export function headroomOf(config: CapacityConfig): { scaleOut: number; scaleIn: number } {
  return { scaleOut: config.headroomTasks, scaleIn: config.scaleInHeadroomTasks ?? config.headroomTasks };
}

/** The services plus `n` headroom tasks the size of the largest managed task that fits one instance. */
export function withHeadroom(services: readonly ServiceDemand[], n: number, shape: Shape): ServiceDemand[] {
  const task = largestTask(services, shape);
  if (n === 0 || task === undefined) return [...services];
  return [
    ...services,
    {
      serviceId: HEADROOM_SERVICE,
      desiredCount: n,
      runningCount: 0,
      pendingCount: 0,
      deploymentInProgress: false,
      scalingOut: false,
      task: { cpu: task.cpu, memory: task.memory, hostPorts: [] },
    },
  ];
}

export function isHeadroom(task: TaskFootprint): boolean {
  return task.serviceId === HEADROOM_SERVICE;
}

function largestTask(services: readonly ServiceDemand[], shape: Shape): ServiceDemand["task"] | undefined {
  let best: ServiceDemand["task"] | undefined;
  for (const { task } of services) {
    if (exceeds({ serviceId: "", ...task }, shape)) continue;
    if (best === undefined || task.cpu > best.cpu || (task.cpu === best.cpu && task.memory > best.memory)) {
      best = task;
    }
  }
  return best;
}

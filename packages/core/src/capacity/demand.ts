import { emptyBin, exceeds, instancesNeeded, placeOnto, type Shape } from "./bin-packing.ts";
import type { InstanceState, ServiceDemand, TaskFootprint } from "./cluster-model.ts";
import { binOf, isUsable } from "./instance-status.ts";

/** How many instances the cluster's tasks need, counted two ways. */
export interface Demand {
  /** Tasks the cluster should run: the services' new desired counts, plus tasks of services Gantry does not manage. */
  tasks: number;
  /** Instances FFD needs for all of them, packed from empty: the most a consolidated cluster needs. */
  ideal: number;
  /**
   * Instances needed where tasks run now (ECS does not move running tasks): busy usable instances, plus new ones for
   * tasks that fit in no instance's free space.
   */
  placed: number;
  /** max(ideal, placed): what scale-out aims at. */
  needed: number;
  /** Desired tasks not yet on a usable instance: new ones, and those on draining instances. */
  toPlace: TaskFootprint[];
  /** Tasks to place that no usable instance has room for (larger-than-instance ones excluded). */
  leftover: TaskFootprint[];
  /** Tasks larger than one instance of the launched shape: never counted. */
  tooLarge: TaskFootprint[];
}

export function measureDemand(
  services: readonly ServiceDemand[],
  instances: readonly InstanceState[],
  shape: Shape,
): Demand {
  const usable = instances.filter(isUsable);
  const managed = new Set(services.map((s) => s.serviceId));
  const placedCount = countByService(usable.flatMap((i) => i.tasks));
  const unmanaged = (list: readonly InstanceState[]) =>
    list.flatMap((i) => i.tasks.filter((t) => !managed.has(t.serviceId)));
  const moving = instances.filter((i) => i.lifecycle !== "Terminating" && i.draining);

  const all = [
    ...services.flatMap((s) => copies(s, s.desiredCount)),
    ...unmanaged(usable),
    ...unmanaged(moving),
  ];
  const toPlace = [
    ...services.flatMap((s) => copies(s, s.desiredCount - (placedCount.get(s.serviceId) ?? 0))),
    ...unmanaged(moving),
  ];
  const ideal = instancesNeeded(all, shape);
  const onto = placeOnto(usable.map(binOf), toPlace);
  const extra = instancesNeeded(onto.unplaced, shape);
  const placed = onto.bins.filter((b) => b.tasks.length > 0).length + extra.count;
  return {
    tasks: all.length,
    ideal: ideal.count,
    placed,
    needed: Math.max(ideal.count, placed),
    toPlace,
    leftover: onto.unplaced.filter((t) => !exceeds(t, shape)),
    tooLarge: ideal.tooLarge,
  };
}

/** Tasks left pending when only `room` more instances may launch. */
export function strandedWithRoom(demand: Demand, room: number, shape: Shape): number {
  const bins = Array.from({ length: Math.max(0, room) }, (_, k) => emptyBin(`new-${k + 1}`, shape));
  return placeOnto(bins, demand.leftover).unplaced.length;
}

function copies(service: ServiceDemand, n: number): TaskFootprint[] {
  const task: TaskFootprint = { serviceId: service.serviceId, ...service.task };
  return Array.from({ length: Math.max(0, n) }, () => task);
}

function countByService(tasks: readonly TaskFootprint[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tasks) counts.set(t.serviceId, (counts.get(t.serviceId) ?? 0) + 1);
  return counts;
}

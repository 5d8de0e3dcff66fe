// Where a task may start. Fargate always has room; the EC2 capacity model (issue D) refuses a task
// when no instance fits it, and the task then stays PENDING until a retry succeeds.

/** Asked by the ECS model before a task starts; must be deterministic (no clock, no Math.random). */
export interface PlacementHook {
  /**
   * Whether a task of `serviceId` can be placed at `now`; true reserves its room. Refused tasks stay
   * PENDING and are asked again on every sample tick, oldest first, until one is refused again.
   */
  tryPlace(serviceId: string, now: number): boolean;
  /** A task placed earlier stopped at `now`: its room is free again. */
  release(serviceId: string, now: number): void;
}

/** Fargate: every task is placed at once. */
export const fargatePlacement: PlacementHook = {
  tryPlace: () => true,
  release: () => {},
};

/**
 * Each service to its own hook, the rest to `otherwise` (Fargate): one ECS cluster can mix launch types, a
 * service's capacity provider strategy choosing its instances.
 */
export function placementByService(
  hooks: Readonly<Record<string, PlacementHook>>,
  otherwise: PlacementHook = fargatePlacement,
): PlacementHook {
  const hookOf = (serviceId: string) => hooks[serviceId] ?? otherwise;
  return {
    tryPlace: (serviceId, now) => hookOf(serviceId).tryPlace(serviceId, now),
    release: (serviceId, now) => hookOf(serviceId).release(serviceId, now),
  };
}

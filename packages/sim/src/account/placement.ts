// Where a task may start. Fargate always has room; the EC2 capacity model (issue D) will refuse a task
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

/**
 * ECS's CapacityProviderReservation [AWS]: instances needed (M) over instances running (N), in percent.
 * 0/0 is 100 (nothing needed, nothing running: on target); M > 0 with N = 0 is 200 (scale out from zero).
 */
export function capacityProviderReservation(needed: number, running: number): number {
  if (running === 0) return needed === 0 ? 100 : 200;
  return Math.round((needed / running) * 10_000) / 100;
}

/** Instances to run so that tasks use `targetCapacity` % of them: the spare ECS keeps below 100 %. */
export function withSpare(needed: number, targetCapacity: number): number {
  return Math.ceil((needed * 100) / targetCapacity);
}

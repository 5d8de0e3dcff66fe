import { type Bin, placeOnto } from "./bin-packing.ts";

/** Counts the tasks that would strand if the `leaving` instances went away. */
export type StrandCheck = (leaving: ReadonlySet<string>) => number;

export interface DrainSimulation {
  /** Candidates that can leave together: all their tasks fit on the instances that stay. */
  accepted: string[];
  /** Candidates that would strand tasks, with how many. */
  rejected: { id: string; stranded: number }[];
  /** Candidates not tried because `limit` was reached. */
  untried: string[];
}

/** Tasks of the leaving hosts that fit nowhere once they are gone, placed FFD onto the hosts that stay. */
export function strandedBy(leaving: ReadonlySet<string>, hosts: readonly Bin[]): number {
  const moving = hosts.filter((b) => leaving.has(b.id)).flatMap((b) => b.tasks);
  if (moving.length === 0) return 0;
  const staying = hosts.filter((b) => !leaving.has(b.id));
  return placeOnto(staying, moving).unplaced.length;
}

/**
 * Greedy, in candidate order: a candidate joins when every task of the whole accepted set, itself included, still
 * fits. Re-simulating the set (not only the newcomer on what is left) is what ECS will face when it reschedules
 * the drained tasks all at once, and it keeps the answer exact although FFD is not monotone.
 */
export function simulateDrains(
  candidates: readonly string[],
  stranded: StrandCheck,
  limit: number,
): DrainSimulation {
  const result: DrainSimulation = { accepted: [], rejected: [], untried: [] };
  for (const id of candidates) {
    if (result.accepted.length >= limit) {
      result.untried.push(id);
      continue;
    }
    const lost = stranded(new Set([...result.accepted, id]));
    if (lost === 0) result.accepted.push(id);
    else result.rejected.push({ id, stranded: lost });
  }
  return result;
}

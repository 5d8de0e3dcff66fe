import type { TargetOutcome } from "./reconciler-types.ts";

/** Full passes in a row a target must fail to count as failing persistently: 3 minutes of 15-second passes. */
export const FAILING_STREAK_PASSES = 12;

/**
 * Each target's run of failed full passes, in the container's memory (a new container starts from zero, so the
 * alarm on it can only be late, never false). A pass that does not reach a target (skipped) neither breaks nor
 * extends its run.
 */
export class FailureStreaks {
  readonly #runs = new Map<string, number>();

  /** Counts this pass's outcomes; answers how many targets have now failed FAILING_STREAK_PASSES passes in a row. */
  record(outcomes: readonly TargetOutcome[]): number {
    const seen = new Set<string>();
    for (const { targetId, status } of outcomes) {
      seen.add(targetId);
      if (status === "Skipped") continue;
      if (status === "Failed") this.#runs.set(targetId, (this.#runs.get(targetId) ?? 0) + 1);
      else this.#runs.delete(targetId);
    }
    for (const id of this.#runs.keys()) if (!seen.has(id)) this.#runs.delete(id);
    let failing = 0;
    for (const run of this.#runs.values()) if (run >= FAILING_STREAK_PASSES) failing += 1;
    return failing;
  }
}

import type { TargetOutcome, TargetStatus } from "@gantry/runtime";

export type OutcomeCounts = Partial<Record<TargetStatus, number>>;

/** Per-status totals, for the handler's result and its summary log line. */
export function countOutcomes(outcomes: readonly TargetOutcome[], into: OutcomeCounts = {}): OutcomeCounts {
  for (const { status } of outcomes) into[status] = (into[status] ?? 0) + 1;
  return into;
}

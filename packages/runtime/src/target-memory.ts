import type { Observation, ScalingState, TargetRecord } from "@gantry/core";
import { ArrivalHistories } from "./arrival-history.ts";

/**
 * What of ECS's view wakes a resting target when it changes: its desired count (set by someone else, perhaps
 * outside its bounds) and whether a deployment runs (it holds scale-in back). Running and pending counts move as
 * tasks start and stop; at rest they change nothing a decision would act on before its next read.
 */
type Counts = Pick<Observation, "desiredCount" | "deploymentInProgress">;

interface Remembered {
  /** The stored versions this memory was derived from: once either moves, it is forgotten. */
  version: number;
  stateVersion: number;
  /** The state the last decision left when it had nothing worth a write (its clocks moved, nothing else). */
  state: ScalingState;
  /** CloudWatch is not read for this target before then, unless it is woken. */
  readAt?: number;
  counts: Counts;
}

/**
 * What one container's reconciler remembers between passes, never stored: the newest unsaved state of each
 * target (so a pass that only moves clocks writes nothing, DESIGN §4 Cost) and when each CloudWatch target is
 * next read (read-schedule.ts). Every entry is keyed by the versions it was derived from, so any write by anyone
 * (a config edit, another invocation's decision, the alarm handler) makes it void. Losing it (a cold start)
 * only costs reads and writes: the stored state is then used, and every target is read.
 */
export class TargetMemory {
  readonly #targets = new Map<string, Remembered>();
  /** Target id → the config version whose managed alarms the last alarm sync found in place. */
  #alarmed = new Map<string, number>();
  /** Predictive targets' arrival histories, refreshed incrementally (arrival-history.ts). */
  readonly arrivals = new ArrivalHistories();

  /** The state to decide from: the remembered one when it is current, else the stored one. */
  stateOf(record: TargetRecord): ScalingState | undefined {
    const remembered = this.#current(record);
    if (remembered === undefined || record.state?.pending !== undefined) return record.state;
    return remembered.state;
  }

  /** True when the target may skip this pass's CloudWatch read and decision: resting, and nothing changed. */
  resting(record: TargetRecord, now: number): boolean {
    const remembered = this.#current(record);
    return remembered?.readAt !== undefined && now < remembered.readAt;
  }

  /** Whether ECS still shows what the resting decision saw (its desired count, a deployment or none). */
  unchanged(record: TargetRecord, observation: Observation): boolean {
    const counts = this.#current(record)?.counts;
    return counts !== undefined && sameCounts(counts, observation);
  }

  remember(
    record: TargetRecord,
    stateVersion: number,
    decided: { state: ScalingState; observation: Observation; readAt: number | undefined },
  ): void {
    const { state, observation, readAt } = decided;
    const entry: Remembered = {
      version: record.version,
      stateVersion,
      state,
      counts: countsOf(observation),
    };
    if (readAt !== undefined) entry.readAt = readAt;
    this.#targets.set(record.config.target.id, entry);
  }

  forget(targetId: string): void {
    this.#targets.delete(targetId);
  }

  /** After a full pass: drop what belongs to targets that no longer exist. */
  keepOnly(targetIds: ReadonlySet<string>): void {
    for (const id of this.#targets.keys()) if (!targetIds.has(id)) this.#targets.delete(id);
    for (const id of this.#alarmed.keys()) if (!targetIds.has(id)) this.#alarmed.delete(id);
    this.arrivals.keepOnly(targetIds);
  }

  /** The targets whose managed alarms all exist, per config version (from the last successful alarm sync). */
  setAlarmed(alarmed: Map<string, number>): void {
    this.#alarmed = alarmed;
  }

  alarmed(record: TargetRecord): boolean {
    return this.#alarmed.get(record.config.target.id) === record.version;
  }

  #current(record: TargetRecord): Remembered | undefined {
    const remembered = this.#targets.get(record.config.target.id);
    if (remembered === undefined) return undefined;
    if (remembered.version === record.version && remembered.stateVersion === record.stateVersion) {
      return remembered;
    }
    this.#targets.delete(record.config.target.id);
    return undefined;
  }
}

function countsOf(observation: Observation): Counts {
  const { desiredCount, deploymentInProgress } = observation;
  return { desiredCount, deploymentInProgress };
}

function sameCounts(counts: Counts, observation: Observation): boolean {
  return (
    counts.desiredCount === observation.desiredCount &&
    counts.deploymentInProgress === observation.deploymentInProgress
  );
}

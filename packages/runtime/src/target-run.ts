import type {
  Activity,
  ArrivalHistory,
  Clock,
  Decision,
  Observation,
  StateStore,
  TargetRecord,
  Trigger,
} from "@gantry/core";
import type { ObservePorts } from "./observe.ts";
import type { ReconcileLogger, TargetOutcome } from "./reconciler-types.ts";
import type { TargetMemory } from "./target-memory.ts";

/** What reconciling one target needs from the pass. */
export interface TargetRun {
  store: StateStore;
  ports: ObservePorts;
  clock: Clock;
  trigger: Trigger | undefined;
  /** No second decision (after a lost write) starts at or after this instant, epoch ms. */
  cutoff: number;
  queueConcurrency: number;
  randomId: () => string;
  log: ReconcileLogger;
  /** Services Application Auto Scaling still scales (see other-controllers.ts). */
  managedElsewhere: ReadonlySet<string>;
  /** The container's memory of unsaved states; decisions start from it when it is current. */
  memory?: TargetMemory;
  /** Predictive targets' arrival histories (arrival-history.ts); a target without one decides reactively. */
  histories?: ReadonlyMap<string, ArrivalHistory>;
}

export interface TargetResult {
  outcome: TargetOutcome;
  /** New or settled activities, to publish to EventBridge with the pass's others (a folded repeat is not). */
  activities: Activity[];
  /** A decision that left nothing to do (action None), and the state version it left stored. */
  atRest?: { attempt: Attempt; stateVersion: number };
}

/** One decision and everything it rests on. */
export interface Attempt {
  record: TargetRecord;
  observation: Observation;
  decision: Decision;
  now: number;
  /** The id the activity of this decision gets, known before the claim so the pending marker can carry it. */
  activityId: string;
}

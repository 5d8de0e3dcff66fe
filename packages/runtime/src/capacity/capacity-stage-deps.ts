import type {
  CapacityRecord,
  CapacityStateStore,
  Clock,
  ClusterCapacityPort,
  ClusterSnapshot,
  EcsPort,
  StateStore,
  Trigger,
} from "@gantry/core";
import type { ReconcileLogger } from "../reconciler-types.ts";

/** What stage 2 talks to: the group's port and memory, ECS, the activity log, the clock and the log. */
export interface CapacityStageDeps {
  port: ClusterCapacityPort;
  store: CapacityStateStore;
  ecs: EcsPort;
  activities: Pick<StateStore, "putActivity">;
  clock: Clock;
  log: ReconcileLogger;
  randomId: () => string;
  trigger?: Trigger;
  /** Each group's snapshot as described, for the charts' samples (series/capacity-sample.ts). */
  onSnapshot?: (name: string, snapshot: ClusterSnapshot) => void;
}

/** A plan's state as claimed: the record written and the version it now has. */
export type Claimed = { record: CapacityRecord; version: number };

import type { Activity } from "../model/activity.ts";
import type { DecisionRecord } from "../model/decision-record.ts";
import type { ScalingState } from "../model/state.ts";
import type { TargetConfig } from "../model/target-config.ts";

/**
 * A target's config and its decision state. Each has its own version, so a config edit never conflicts with a
 * pass and a pass never moves the version a user's If-Match holds.
 */
export interface TargetRecord {
  config: TargetConfig;
  state: ScalingState | undefined;
  /** The last decision saved with the state, for dashboards and `gantry explain`. */
  lastDecision?: DecisionRecord;
  /** The config's version (the API's ETag): bumped by config writes and deletes only; 0 before the first. */
  version: number;
  /** The state's version: bumped by every state write; 0 before the first. */
  stateVersion: number;
  updatedAt: number;
}

/** What a state write is conditional on: the config it was decided from and the state it started from. */
export interface StateVersions {
  version: number;
  stateVersion: number;
}

export interface ActivityPage {
  items: Activity[];
  /** Opaque; pass back to get the next (older) page. Absent on the last page. */
  cursor?: string;
}

/**
 * The state table (DynamoDB in AWS). Writes are conditional: a write against a stale version throws
 * ConflictError and changes nothing, so two concurrent invocations cannot both act on stale state. Config writes
 * check the config's version only; state writes check both (a state decided from an edited config is stale).
 * Errors: ConflictError, NotFoundError, ThrottledError.
 */
export interface StateStore {
  listTargets(): Promise<TargetRecord[]>;
  getTarget(targetId: string): Promise<TargetRecord | undefined>;
  /**
   * Create (expectedVersion 0) or replace a target's config, keeping its state. Returns the new config version.
   * `undefined` writes whatever the current version is (create or replace): last write wins.
   */
  putConfig(config: TargetConfig, expectedVersion: number | undefined): Promise<number>;
  /** Save the state a decision produced, and the decision itself. Returns the new state version. */
  putState(
    targetId: string,
    state: ScalingState,
    expected: StateVersions,
    lastDecision?: DecisionRecord,
  ): Promise<number>;
  deleteTarget(targetId: string, expectedVersion: number): Promise<void>;
  /** Activities expire after 6 weeks (TTL). Writing the same activityId twice overwrites it (status updates). */
  putActivity(activity: Activity): Promise<void>;
  /** Newest first. */
  listActivities(targetId: string, options?: { limit?: number; cursor?: string }): Promise<ActivityPage>;
}

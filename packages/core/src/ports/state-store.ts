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

/** A stored target item that fails its schema: left out of the records, never out of sight. */
export interface TargetProblem {
  targetId: string;
  /** Why it could not be read (CorruptItemError's message). */
  message: string;
}

/**
 * Every stored target, from one read: the readable records, and the items that are not (a rollback to a Gantry
 * whose schema rejects a newer field, a hand edit). One bad item never hides the others, nor itself.
 */
export interface TargetListing {
  /** By target id. */
  records: TargetRecord[];
  /** By target id. */
  problems: TargetProblem[];
}

/** A target's item as stored, unparsed, for inspecting and repairing it (corrupt or not). */
export interface RawTargetItem {
  targetId: string;
  /** The config version (what If-Match holds) when the stored one is valid (a whole number ≥ 1), else null. */
  version: number | null;
  /** The stored attributes as JSON, without the table's keys. */
  item: Record<string, unknown>;
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
 * Errors: ConflictError, NotFoundError, ThrottledError; CorruptItemError (code CorruptItem) when a target's
 * item fails its schema. When its stored version is valid, a corrupt item can still be replaced by putConfig
 * (against that version, or undefined) and deleted: writes check the version, they never parse the item.
 */
export interface StateStore {
  /** One read of every target (a single paginated Query in DynamoDB): corrupt items come back as problems. */
  listTargets(): Promise<TargetListing>;
  /** Throws CorruptItemError for an item that fails its schema. */
  getTarget(targetId: string): Promise<TargetRecord | undefined>;
  /** The item as stored, corrupt or not; undefined when there is none (or only a deleted target's tombstone). */
  getRawTarget(targetId: string): Promise<RawTargetItem | undefined>;
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

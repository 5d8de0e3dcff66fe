import type { Activity } from "../model/activity.ts";
import type { DecisionRecord } from "../model/decision-record.ts";
import type { ScalingState } from "../model/state.ts";
import type { TargetConfig } from "../model/target-config.ts";

/** A target's config and its decision state, with the version every conditional write checks. */
export interface TargetRecord {
  config: TargetConfig;
  state: ScalingState | undefined;
  /** The last decision saved with the state, for dashboards and `gantry explain`. */
  lastDecision?: DecisionRecord;
  /** Bumped by every write to this target; 0 before the first. */
  version: number;
  updatedAt: number;
}

export interface ActivityPage {
  items: Activity[];
  /** Opaque; pass back to get the next (older) page. Absent on the last page. */
  cursor?: string;
}

/**
 * The state table (DynamoDB in AWS). Writes are conditional on `expectedVersion`: a write against a stale
 * version throws ConflictError and changes nothing, so two concurrent invocations cannot both act on stale state.
 * Errors: ConflictError, NotFoundError, ThrottledError.
 */
export interface StateStore {
  listTargets(): Promise<TargetRecord[]>;
  getTarget(targetId: string): Promise<TargetRecord | undefined>;
  /** Create (expectedVersion 0) or replace a target's config. Returns the new version. */
  putConfig(config: TargetConfig, expectedVersion: number): Promise<number>;
  /** Save the state a decision produced, and the decision itself. Returns the new version. */
  putState(
    targetId: string,
    state: ScalingState,
    expectedVersion: number,
    lastDecision?: DecisionRecord,
  ): Promise<number>;
  deleteTarget(targetId: string, expectedVersion: number): Promise<void>;
  /** Activities expire after 6 weeks (TTL). Writing the same activityId twice overwrites it (status updates). */
  putActivity(activity: Activity): Promise<void>;
  /** Newest first. */
  listActivities(targetId: string, options?: { limit?: number; cursor?: string }): Promise<ActivityPage>;
}

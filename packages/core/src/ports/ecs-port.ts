import type { GantryError } from "../errors.ts";

/** One ECS service as the reconciler sees it. Counts are tasks. */
export interface ServiceSnapshot {
  /** `service/<cluster>/<service>` */
  id: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  /** More than one deployment, or the primary one still rolling out. */
  deploymentInProgress: boolean;
}

/** A service ECS could not describe, and why: only this id failed, the others of the call stand. */
export interface ServiceFailure {
  id: string;
  /**
   * ThrottledError (retryable: throttled even after retries), NotFoundError when its cluster does not exist,
   * ValidationError for an id that is not `service/<cluster>/<service>`, or a GantryError with ECS's code.
   */
  error: GantryError;
}

/** What describeServices learned: every distinct id asked for is in exactly one of the three lists. */
export interface DescribedServices {
  /** ACTIVE services, in the order asked. */
  services: ServiceSnapshot[];
  /** Ids ECS does not know (MISSING) or that were deleted (INACTIVE, DRAINING) in a cluster that exists. */
  missing: string[];
  /** Ids that could not be described; a failure never spreads to the other ids of the call. */
  failed: ServiceFailure[];
}

/**
 * ECS, narrowed to what scaling needs. Errors: ThrottledError when the API throttles (retryable),
 * NotFoundError when a service or cluster does not exist; anything else is a GantryError with a code.
 */
export interface EcsPort {
  /**
   * Any number of ids; adapters batch them 10 per DescribeServices call. Per-id problems (a cluster that does
   * not exist, a throttled or failing batch, a malformed id) come back in `failed` rather than thrown.
   */
  describeServices(ids: readonly string[]): Promise<DescribedServices>;
  /** UpdateService with only desiredCount. Throws the errors above. */
  setDesiredCount(id: string, desiredCount: number): Promise<void>;
}

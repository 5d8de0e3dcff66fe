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

/**
 * ECS, narrowed to what scaling needs. Errors: ThrottledError when the API throttles (retryable),
 * NotFoundError when a service or cluster does not exist; anything else is a GantryError with a code.
 */
export interface EcsPort {
  /** Any number of ids; adapters batch them 10 per DescribeServices call. Unknown ids come back in `missing`. */
  describeServices(ids: readonly string[]): Promise<{ services: ServiceSnapshot[]; missing: string[] }>;
  /** UpdateService with only desiredCount. */
  setDesiredCount(id: string, desiredCount: number): Promise<void>;
}

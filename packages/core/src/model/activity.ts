import type { Reason, ScalingAction } from "./decision.ts";

/** Application Auto Scaling's activity lifecycle. */
export const ACTIVITY_STATUSES = [
  "Pending",
  "InProgress",
  "Successful",
  "Overridden",
  "Unfulfilled",
  "Failed",
] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** One scaling decision as recorded: kept 6 weeks, newest first per target, and published to EventBridge. */
export interface Activity {
  targetId: string;
  /** Unique and sortable by time: `<ISO start>#<random suffix>`. */
  activityId: string;
  startTime: number;
  endTime?: number;
  status: ActivityStatus;
  statusMessage: string;
  action: ScalingAction;
  fromCapacity: number;
  toCapacity: number;
  reasons: Reason[];
  dryRun: boolean;
  /** What caused the decision: `schedule`, `alarm:<event id>`, `manual`, `api`. */
  cause: string;
  /**
   * Identical consecutive failures of a target are one activity: how many there were (absent means one);
   * `startTime` is the first's and `endTime` the last's.
   */
  count?: number;
}

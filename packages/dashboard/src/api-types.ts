// The API's response shapes, as far as the dashboard reads them (packages/functions/src/api/api-schemas.ts).

export interface Reason {
  code: string;
  message: string;
  policy?: string;
}

export interface Policy {
  name: string;
  type: "TargetTracking" | "StepScaling";
  targetValue?: number;
  metric?: Record<string, unknown>;
}

export interface SuspendedState {
  dynamicScalingInSuspended: boolean;
  dynamicScalingOutSuspended: boolean;
  scheduledScalingSuspended: boolean;
}

export interface TargetView {
  id: string;
  version: number;
  updatedAt: number;
  config: {
    target: {
      id: string;
      minCapacity: number;
      maxCapacity: number;
      dryRun: boolean;
      suspendedState: SuspendedState;
    };
    policies: Policy[];
  };
  counts: {
    desiredCount: number;
    runningCount: number;
    pendingCount: number;
    source: "ecs" | "lastDecision";
    at: number;
  } | null;
  lastDecision: {
    at: number;
    desiredCapacity: number;
    action: "ScaleOut" | "ScaleIn" | "None";
    reasons: Reason[];
    dryRun: boolean;
  } | null;
  stale: boolean;
}

export interface TargetList {
  items: TargetView[];
  stale: boolean;
  staleReason?: string;
  /** Stored targets that no longer parse: not scaled until repaired. */
  problems?: { id: string; code: string; message: string }[];
}

export interface Activity {
  activityId: string;
  startTime: number;
  status: string;
  statusMessage: string;
  action: "ScaleOut" | "ScaleIn" | "None";
  fromCapacity: number;
  toCapacity: number;
  reasons: Reason[];
  dryRun: boolean;
  cause: string;
  endTime?: number;
  /** Identical consecutive failures folded into this one (absent: one). */
  count?: number;
}

export interface ActivityPage {
  items: Activity[];
  nextCursor?: string;
}

export interface SeriesPoint {
  at: number;
  desired: number | null;
  running: number | null;
  metric: number | null;
  target: number | null;
  backlog: number | null;
}

export interface SeriesResponse {
  targetId: string;
  from: number;
  to: number;
  periodSeconds: number;
  points: SeriesPoint[];
}

/** Which directions a suspend/resume call switches (the flags set to true). */
export type SuspendFlags = Partial<Record<keyof SuspendedState, true>>;

/** `GET /capacity`: a group the second stage sizes. */
export interface CapacityGroup {
  name: string;
  mode: "asg" | "capacityProvider";
  targetIds: string[];
  lastActivity: Activity | null;
}

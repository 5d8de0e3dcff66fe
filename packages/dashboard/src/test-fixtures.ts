// Targets and activities as the API answers them, for the dashboard's unit tests (imported only by tests).
import type { Activity, TargetView } from "./api-types.ts";

export function makeView(overrides: {
  id?: string;
  max?: number;
  counts?: TargetView["counts"];
  stale?: boolean;
  dryRun?: boolean;
  suspendIn?: boolean;
  policies?: TargetView["config"]["policies"];
  lastDecision?: TargetView["lastDecision"];
}): TargetView {
  const id = overrides.id ?? "service/demo/web";
  return {
    id,
    version: 1,
    updatedAt: 0,
    config: {
      target: {
        id,
        minCapacity: 1,
        maxCapacity: overrides.max ?? 10,
        dryRun: overrides.dryRun ?? false,
        suspendedState: {
          dynamicScalingInSuspended: overrides.suspendIn ?? false,
          dynamicScalingOutSuspended: false,
          scheduledScalingSuspended: false,
        },
      },
      policies: overrides.policies ?? [],
    } as unknown as TargetView["config"],
    counts:
      overrides.counts === undefined
        ? { desiredCount: 3, runningCount: 3, pendingCount: 0, source: "ecs", at: 1_000 }
        : overrides.counts,
    lastDecision: overrides.lastDecision ?? null,
    stale: overrides.stale ?? false,
  };
}

/** An activity starting at `startTime`, its id sortable by that time as the store's are. */
export function makeActivity(startTime: number, overrides: Partial<Activity> = {}): Activity {
  return {
    targetId: "service/demo/web",
    activityId: `${new Date(startTime).toISOString()}#${startTime % 997}`,
    startTime,
    status: "Successful",
    statusMessage: "desiredCount 3 → 4",
    action: "ScaleOut",
    fromCapacity: 3,
    toCapacity: 4,
    reasons: [],
    dryRun: false,
    cause: "schedule",
    ...overrides,
  };
}

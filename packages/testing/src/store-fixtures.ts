import {
  type Activity,
  type ActivityStatus,
  type ScalingState,
  STATE_VERSION,
  type TargetConfig,
  TargetConfigSchema,
} from "@gantry/core";

// Test data for the store's tests.

export function sampleConfig(targetId: string, maxCapacity = 50): TargetConfig {
  return TargetConfigSchema.parse({
    target: { id: targetId, minCapacity: 1, maxCapacity },
    policies: [
      {
        name: "backlog",
        type: "TargetTracking",
        targetValue: 100,
        metric: { sqs: { queueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/jobs" } },
      },
    ],
  });
}

export function sampleState(evaluatedAt: number): ScalingState {
  return {
    version: STATE_VERSION,
    evaluatedAt,
    live: { backlog: { lastAt: evaluatedAt, outSince: evaluatedAt } },
    stepApplied: {},
    datapointBase: {},
    recommendations: [[evaluatedAt, 3]],
    scaleEvents: [],
    eventIds: ["evt-1"],
  };
}

export function sampleActivity(
  targetId: string,
  startTime: number,
  status: ActivityStatus = "Pending",
): Activity {
  return {
    targetId,
    activityId: `${new Date(startTime).toISOString()}#${startTime.toString(36)}`,
    startTime,
    status,
    statusMessage: `${status} for test`,
    action: "ScaleOut",
    fromCapacity: 2,
    toCapacity: 4,
    reasons: [{ code: "TargetTrackingScaleOut", message: "backlog 200 > 100", policy: "backlog" }],
    dryRun: false,
    cause: "schedule",
  };
}

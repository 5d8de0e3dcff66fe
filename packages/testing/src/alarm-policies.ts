// Policies whose managed alarms the alarm-sync tests count: a live SQS target tracking policy (a wake alarm
// when the target can scale to zero) and a step policy on ECS CPU (its own alarm).
import type { PolicyInput } from "@gantry/core";

export const ALARM_TEST_QUEUE = "https://sqs.us-east-1.amazonaws.com/000000000000/orders-queue";

export const cpuStep: Extract<PolicyInput, { type: "StepScaling" }> = {
  name: "cpu-step",
  type: "StepScaling",
  metric: { predefined: "ECSServiceAverageCPUUtilization" },
  alarm: {
    threshold: 70,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
  },
  adjustmentType: "ChangeInCapacity",
  stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 1 }],
};

export const backlog: PolicyInput = {
  name: "backlog",
  type: "TargetTracking",
  targetValue: 10,
  metric: { sqs: { queueUrl: ALARM_TEST_QUEUE } },
};

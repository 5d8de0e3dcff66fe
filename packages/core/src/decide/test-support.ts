// Fixtures for the startup-aware rules' tests: one SQS worker queue and the sqsUtilization policy on it.

export const QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs";

/** Target tracking at 100 % on the queue's sqsUtilization, read every 15 s, one datapoint each way. */
export function workerPolicy(processingSeconds: number, drainSeconds: number) {
  return {
    name: "workers",
    type: "TargetTracking" as const,
    targetValue: 100,
    metric: { sqsUtilization: { queueUrl: QUEUE, processingSeconds, drainSeconds } },
    evaluation: { periodSeconds: 15, scaleOutDatapoints: 1, scaleInDatapoints: 1 },
    scaleInCooldown: 0,
  };
}

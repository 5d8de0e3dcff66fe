// The fleet most fault scenarios run: an SQS worker on target tracking, a step-scaled service that sleeps at
// zero and wakes on its alarm, a CloudWatch-tracked service, and quiet neighbours that must not notice others'
// faults.
import type { TargetConfigInput } from "@gantry/core";
import type { ServiceSpec, SimService, Trace } from "@gantry/sim";

export const ORDERS = "service/sim/orders";
export const THUMBNAILS = "service/sim/thumbnails";
export const REPORTS = "service/sim/reports";

function minuteTrace(name: string, minutes: number, perMinute: (minute: number) => number): Trace {
  const counts = Float64Array.from({ length: minutes + 5 }, (_, m) => perMinute(m));
  return { name, description: name, bucketSeconds: 60, counts, scale: 1 };
}

/** The busy services, with bursts every few minutes, and `quiet` idle neighbours. */
export function fleetServices(minutes: number, quiet: readonly string[] = []): ServiceSpec[] {
  return [
    {
      name: "orders",
      trace: minuteTrace("orders", minutes, (m) => (m % 12 < 4 ? 600 : 120)),
      processingTimeSeconds: 2,
      initialDesired: 4,
    },
    {
      name: "thumbnails",
      trace: minuteTrace("thumbs", minutes, (m) => (m % 10 < 4 ? 400 : 0)),
      processingTimeSeconds: 3,
    },
    {
      name: "reports",
      trace: minuteTrace("reports", minutes, (m) => (m < 20 ? 300 : 30)),
      processingTimeSeconds: 1,
      initialDesired: 2,
    },
    ...quiet.map((name) => ({ name, initialDesired: 1 })),
  ];
}

export function ordersConfig(queueUrl: string, maxCapacity = 30): TargetConfigInput {
  return {
    target: { id: ORDERS, minCapacity: 1, maxCapacity },
    policies: [
      {
        name: "workers",
        type: "TargetTracking",
        targetValue: 150,
        metric: { sqsUtilization: { queueUrl, processingSeconds: 2, drainSeconds: 30 } },
        scaleOutCooldown: 0,
        scaleInCooldown: 0,
        evaluation: { periodSeconds: 15, scaleOutDatapoints: 1, scaleInDatapoints: 2 },
      },
    ],
  };
}

/** +2 tasks a minute while 20 or more messages wait per task; asleep at zero after two idle minutes. */
export function thumbnailsConfig(queueUrl: string): TargetConfigInput {
  return {
    target: { id: THUMBNAILS, minCapacity: 0, maxCapacity: 25 },
    policies: [
      {
        name: "step",
        type: "StepScaling",
        metric: { sqs: { queueUrl } },
        alarm: { threshold: 20, comparisonOperator: "GreaterThanOrEqualToThreshold" },
        adjustmentType: "ChangeInCapacity",
        stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 2 }],
        cooldown: 0,
      },
    ],
    behavior: { scaleToZero: { idleSeconds: 120 } },
  };
}

export function reportsConfig(queueName: string): TargetConfigInput {
  return {
    target: { id: REPORTS, minCapacity: 1, maxCapacity: 20 },
    policies: [
      {
        name: "visible",
        type: "TargetTracking",
        targetValue: 20,
        metric: {
          cloudwatch: {
            namespace: "AWS/SQS",
            metricName: "ApproximateNumberOfMessagesVisible",
            dimensions: [{ name: "QueueName", value: queueName }],
            statistic: "Average",
          },
        },
        evaluation: { scaleOutDatapoints: 2, scaleInDatapoints: 5 },
      },
    ],
  };
}

/** A quiet neighbour: backlog tracking on its own (empty) queue. */
export function quietConfig(service: SimService): TargetConfigInput {
  return {
    target: { id: service.id, minCapacity: 1, maxCapacity: 5 },
    policies: [
      {
        name: "backlog",
        type: "TargetTracking",
        targetValue: 10,
        metric: { sqs: { queueUrl: service.queueUrl } },
      },
    ],
  };
}

/** The configs of `fleetServices`, in the same order. */
export function fleetConfigs(services: readonly SimService[]): TargetConfigInput[] {
  const [orders, thumbnails, reports, ...quiet] = services;
  if (!orders || !thumbnails || !reports) throw new Error("the fleet needs orders, thumbnails and reports");
  return [
    ordersConfig(orders.queueUrl),
    thumbnailsConfig(thumbnails.queueUrl),
    reportsConfig(reports.queueName),
    ...quiet.map(quietConfig),
  ];
}

/** Backlog tracking (10 messages a task) on a service's own queue, or on `queueUrl`. */
export function backlogConfig(id: string, queueUrl: string, maxCapacity = 10): TargetConfigInput {
  return {
    target: { id, minCapacity: 1, maxCapacity },
    policies: [{ name: "backlog", type: "TargetTracking", targetValue: 10, metric: { sqs: { queueUrl } } }],
  };
}

/** A busy SQS worker: bursts of `perMinute` messages every few minutes, 1 s each. */
export function busyService(name: string, minutes: number, perMinute = 300, cluster = "sim"): ServiceSpec {
  return {
    name,
    cluster,
    trace: minuteTrace(name, minutes, (m) => (m % 8 < 3 ? perMinute : 10)),
    processingTimeSeconds: 1,
    initialDesired: 1,
  };
}

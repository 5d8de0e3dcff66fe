// The fault suite of issue C: real handlers on the simulated account under throttling, 5xx errors, missing and
// stale datapoints, duplicated and out-of-order alarm events, concurrent ticks and deadlines cut mid-pass.
import type { Activity, Datapoint, MetricsPort } from "@gantry/core";
import { createPrng, type Trace } from "@gantry/sim";
import { alarmEvent, handlerWorld, START } from "../support/handler-world.ts";

const MINUTES = 40;

function minuteTrace(name: string, perMinute: (minute: number) => number): Trace {
  const counts = Float64Array.from({ length: MINUTES + 5 }, (_, m) => perMinute(m));
  return { name, description: name, bucketSeconds: 60, counts, scale: 1 };
}

/** Drops 30 % of datapoints and, one call in five, serves only those at least 10 minutes old (stale). */
function unreliableCloudWatch(port: MetricsPort, seed: number): MetricsPort {
  const random = createPrng(seed);
  return {
    async getMetricData(queries, range) {
      const stale = random() < 0.2;
      const result = await port.getMetricData(
        queries,
        stale ? { ...range, end: range.end - 600_000 } : range,
      );
      const kept: Record<string, Datapoint[]> = {};
      for (const [id, points] of Object.entries(result)) kept[id] = points.filter(() => random() >= 0.3);
      return kept;
    },
  };
}

const ORDERS = [1, 30] as const;
const THUMBNAILS = [0, 25] as const;
const REPORTS = [1, 20] as const;
const bounds: Record<string, readonly [number, number]> = {
  orders: ORDERS,
  thumbnails: THUMBNAILS,
  reports: REPORTS,
};
/** Quiet services beside the busy ones: more targets than a pass handles at once, so a deadline can cut it. */
const QUIET = ["audit", "billing", "emails", "exports", "imports", "search"];
for (const name of QUIET) bounds[name] = [1, 5];

function configs(world: ReturnType<typeof handlerWorld>) {
  const [orders, thumbnails, reports] = world.services;
  if (!orders || !thumbnails || !reports) throw new Error("services missing");
  return [
    {
      target: { id: orders.id, minCapacity: ORDERS[0], maxCapacity: ORDERS[1] },
      policies: [
        {
          name: "workers",
          type: "TargetTracking" as const,
          targetValue: 150,
          metric: { sqsUtilization: { queueUrl: orders.queueUrl, processingSeconds: 2, drainSeconds: 30 } },
          scaleOutCooldown: 0,
          scaleInCooldown: 0,
          evaluation: { periodSeconds: 15, scaleOutDatapoints: 1, scaleInDatapoints: 2 },
        },
      ],
    },
    {
      target: { id: thumbnails.id, minCapacity: THUMBNAILS[0], maxCapacity: THUMBNAILS[1] },
      policies: [
        {
          name: "step",
          type: "StepScaling" as const,
          metric: { sqs: { queueUrl: thumbnails.queueUrl } },
          alarm: { threshold: 20, comparisonOperator: "GreaterThanOrEqualToThreshold" as const },
          adjustmentType: "ChangeInCapacity" as const,
          stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 2 }],
          cooldown: 0,
        },
      ],
      behavior: { scaleToZero: { idleSeconds: 120 } },
    },
    {
      target: { id: reports.id, minCapacity: REPORTS[0], maxCapacity: REPORTS[1] },
      policies: [
        {
          name: "visible",
          type: "TargetTracking" as const,
          targetValue: 20,
          metric: {
            cloudwatch: {
              namespace: "AWS/SQS",
              metricName: "ApproximateNumberOfMessagesVisible",
              dimensions: [{ name: "QueueName", value: reports.queueName }],
              statistic: "Average",
            },
          },
          evaluation: { scaleOutDatapoints: 2, scaleInDatapoints: 5 },
        },
      ],
    },
    // A target whose service does not exist: it fails every pass, and must not affect the others.
    { target: { id: "service/sim/ghost", minCapacity: 1, maxCapacity: 5 }, policies: [] },
    ...world.services.slice(3).map((service) => ({
      target: { id: service.id, minCapacity: 1, maxCapacity: 5 },
      policies: [
        {
          name: "backlog",
          type: "TargetTracking" as const,
          targetValue: 10,
          metric: { sqs: { queueUrl: service.queueUrl } },
        },
      ],
    })),
  ];
}

export interface FaultFigures {
  seed: number;
  invocations: number;
  passes: number;
  decisions: number;
  appliedUpdates: number;
  callsMade: number;
  throttlesInjected: number;
  serverErrorsInjected: number;
  alarmEventsDelivered: number;
  failedOutcomes: number;
  /** Conditional writes lost to a concurrent invocation (then re-decided). */
  conflictsLost: number;
  conflictOutcomes: number;
  skippedOutcomes: number;
  boundViolations: number;
  stepsApplied: number;
  stepsAppliedTwice: number;
  lostActivityRecords: number;
  otherTargetsAffected: number;
}

export async function runFaultSuite(seed: number): Promise<FaultFigures & { failedInvocations: number }> {
  const world = handlerWorld(
    [
      {
        name: "orders",
        trace: minuteTrace("orders", (m) => (m % 12 < 4 ? 600 : 120)),
        processingTimeSeconds: 2,
        initialDesired: 4,
      },
      {
        name: "thumbnails",
        trace: minuteTrace("thumbs", (m) => (m % 15 < 3 ? 400 : 0)),
        processingTimeSeconds: 3,
      },
      {
        name: "reports",
        trace: minuteTrace("reports", (m) => (m < 20 ? 300 : 30)),
        processingTimeSeconds: 1,
        initialDesired: 2,
      },
      ...QUIET.map((name) => ({ name, initialDesired: 1 })),
    ],
    {
      faults: { seed, throttleRate: 0.2, errorRate: 0.05 },
      callLatencyMs: 150,
      wrapMetrics: (port) => unreliableCloudWatch(port, seed + 1),
    },
  );
  for (const config of configs(world)) await world.register(config);
  const wakeAlarm = await onlyAlarmName(world);
  let invocations = 0;
  let failedInvocations = 0;
  let alarmEvents = 0;
  const violations = { count: 0 };
  for (let minute = 0; minute < MINUTES; minute++) {
    const minuteStart = START + minute * 60_000;
    world.account.advanceTo(minuteStart);
    // A failed invocation (the store unreachable after the SDK's retries) is retried by the next schedule.
    const invoke = (run: () => Promise<unknown>) => run().catch(() => failedInvocations++);
    if (minute >= 10 && minute < 14) {
      // Two scheduled invocations at once (EventBridge Scheduler delivers at least once).
      await Promise.all([invoke(() => world.tickOnce()), invoke(() => world.tickOnce())]);
      invocations += 2;
    } else if (minute % 7 === 3) {
      // A tick whose Lambda time runs out in the middle of a pass.
      await invoke(() => world.tick(7_000));
      invocations++;
    } else {
      await invoke(() => world.tick());
      invocations++;
    }
    alarmEvents += await deliverAlarms(world, wakeAlarm, minute);
    violations.count += countBoundViolations(world);
  }
  return { ...figures(world, seed, invocations, alarmEvents, violations.count), failedInvocations };
}

/** Duplicated and out-of-order deliveries of the thumbnails wake alarm. */
async function deliverAlarms(
  world: ReturnType<typeof handlerWorld>,
  alarmName: string,
  minute: number,
): Promise<number> {
  if (minute % 15 !== 0 && minute % 15 !== 1) return 0;
  const now = world.account.now();
  const older = alarmEvent(`evt-${minute}-a`, alarmName, "ALARM", now - 30_000);
  const newer = alarmEvent(`evt-${minute}-b`, alarmName, "ALARM", now);
  for (const event of [newer, older, newer, older]) await world.alarm(event).catch(() => undefined);
  return 4;
}

async function onlyAlarmName(world: ReturnType<typeof handlerWorld>): Promise<string> {
  const { alarmTargets } = await import("@gantry/runtime");
  const names = [...alarmTargets((await world.store.listTargets()).records.map((r) => r.config)).keys()];
  if (names.length !== 1) throw new Error(`expected one managed alarm, got ${names.length}`);
  return names[0] as string;
}

function countBoundViolations(world: ReturnType<typeof handlerWorld>): number {
  return world.services.filter((s) => {
    const [min, max] = bounds[s.settings.queueName] ?? [0, Number.POSITIVE_INFINITY];
    const desired = s.snapshot().desiredCount;
    return desired < min || desired > max;
  }).length;
}

function figures(
  world: ReturnType<typeof handlerWorld>,
  seed: number,
  invocations: number,
  alarmEventsDelivered: number,
  boundViolations: number,
): FaultFigures {
  const outcomes = world.summaries.flatMap((s) => s.outcomes);
  const activities = world.services.flatMap((s) => world.store.activitiesOf(s.id));
  const faults = world.faults();
  return {
    seed,
    invocations,
    passes: world.summaries.length,
    decisions: outcomes.filter((o) => o.status !== "Skipped" && o.status !== "Failed").length,
    appliedUpdates: world.applied.length,
    callsMade: faults.calls,
    throttlesInjected: faults.throttled,
    serverErrorsInjected: faults.errors,
    alarmEventsDelivered,
    failedOutcomes: outcomes.filter((o) => o.status === "Failed").length,
    conflictsLost: world.conflicts(),
    conflictOutcomes: outcomes.filter((o) => o.status === "Conflict").length,
    skippedOutcomes: outcomes.filter((o) => o.status === "Skipped").length,
    boundViolations,
    stepsApplied: stepActivities(activities).length,
    stepsAppliedTwice: stepsAppliedTwice(activities),
    lostActivityRecords: lostActivities(world, activities),
    otherTargetsAffected: outcomes.filter(
      (o) => o.targetId !== "service/sim/ghost" && o.error?.code === "NotFound",
    ).length,
  };
}

function stepActivities(activities: readonly Activity[]): Activity[] {
  return activities.filter(
    (a) =>
      a.status === "Successful" && !a.dryRun && a.reasons.some((r) => r.code === "StepScalingAdjustment"),
  );
}

/** A step runs at most once per event id and once per 60 s period of its live metric. */
function stepsAppliedTwice(activities: readonly Activity[]): number {
  const steps = activities.filter(
    (a) =>
      a.status === "Successful" && !a.dryRun && a.reasons.some((r) => r.code === "StepScalingAdjustment"),
  );
  const byKey = new Map<string, number>();
  for (const a of steps) {
    const key = a.cause.startsWith("alarm:") ? a.cause : `period:${Math.floor(a.startTime / 60_000)}`;
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }
  return [...byKey.values()].filter((n) => n > 1).length;
}

/** Every UpdateService that happened has a Successful activity for that target and capacity. */
function lostActivities(world: ReturnType<typeof handlerWorld>, activities: readonly Activity[]): number {
  const recorded = new Map<string, number>();
  for (const a of activities) {
    if (a.status !== "Successful" || a.dryRun) continue;
    const key = `${a.targetId}→${a.toCapacity}`;
    recorded.set(key, (recorded.get(key) ?? 0) + 1);
  }
  let lost = 0;
  for (const update of world.applied) {
    const key = `${update.targetId}→${update.desiredCount}`;
    const left = recorded.get(key) ?? 0;
    if (left === 0) lost++;
    else recorded.set(key, left - 1);
  }
  return lost;
}

import { FUNCTION_SERVICES, METRICS } from "@gantry/functions/metric-descriptors";
import { alarm, alarmFailures, tick } from "./control-loop";
import { alertEmail, metricsNamespace } from "./stage-settings";
import { table } from "./storage";

// Gantry watching itself (the README's "Alarms" section says what each one means and what to do). Named
// `GantryMonitor-<stage>-…`, never `gantry-<stage>-…`: that prefix is the managed alarms', whose state changes
// the alarm function reconciles and whose names the tick's alarm sync owns.

export const alerts = new sst.aws.SnsTopic("Alerts");

export const alertSubscription = alertEmail
  ? new aws.sns.TopicSubscription("AlertsEmail", {
      topic: alerts.arn,
      protocol: "email",
      endpoint: alertEmail,
    })
  : undefined;

type AlarmArgs = Omit<aws.cloudwatch.MetricAlarmArgs, "name" | "alarmActions" | "okActions">;

function monitor(name: string, args: AlarmArgs): aws.cloudwatch.MetricAlarm {
  return new aws.cloudwatch.MetricAlarm(`Monitor${name}`, {
    name: `GantryMonitor-${$app.stage}-${name}`,
    alarmActions: [alerts.arn],
    okActions: [alerts.arn],
    treatMissingData: "notBreaching",
    ...args,
  });
}

const lambdaMetric = (metricName: string, fn: sst.aws.Function) => ({
  namespace: "AWS/Lambda",
  metricName,
  dimensions: { FunctionName: fn.name },
  statistic: "Sum",
});

// A failed tick is superseded by the next minute's: two failed minutes out of three is a pattern, not a blip.
export const tickErrors = monitor("TickErrors", {
  alarmDescription: "The tick failed in 2 of the last 3 minutes.",
  ...lambdaMetric("Errors", tick),
  period: 60,
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
  threshold: 1,
  comparisonOperator: "GreaterThanOrEqualToThreshold",
});

export const alarmErrors = monitor("AlarmErrors", {
  alarmDescription: "The alarm function failed (Lambda retries it; AlarmFailures gets what still fails).",
  ...lambdaMetric("Errors", alarm),
  period: 300,
  evaluationPeriods: 1,
  threshold: 1,
  comparisonOperator: "GreaterThanOrEqualToThreshold",
});

const throttled = (name: string, fn: sst.aws.Function, what: string) =>
  monitor(name, {
    alarmDescription: `Lambda throttled the ${what} function.`,
    ...lambdaMetric("Throttles", fn),
    period: 300,
    evaluationPeriods: 1,
    threshold: 1,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
  });

export const tickThrottles = throttled("TickThrottles", tick, "tick");
export const alarmThrottles = throttled("AlarmThrottles", alarm, "alarm");

const tickService = { service: FUNCTION_SERVICES.tick };

// TickPasses is emitted once per tick with its completed passes (0 when none finished); a tick that never ran
// emits nothing, which counts as breaching.
export const heartbeat = monitor("Heartbeat", {
  alarmDescription: "No reconcile pass completed for 3 minutes.",
  namespace: metricsNamespace,
  metricName: METRICS.TickPasses.name,
  dimensions: tickService,
  statistic: "Sum",
  period: 60,
  evaluationPeriods: 3,
  threshold: 1,
  comparisonOperator: "LessThanThreshold",
  treatMissingData: "breaching",
});

export const alarmFailuresDepth = monitor("AlarmFailuresDepth", {
  alarmDescription: "Alarm events failed after Lambda's retries and wait in the AlarmFailures queue.",
  namespace: "AWS/SQS",
  metricName: "ApproximateNumberOfMessagesVisible",
  dimensions: { QueueName: alarmFailures.nodes.queue.name },
  statistic: "Maximum",
  period: 300,
  evaluationPeriods: 1,
  threshold: 0,
  comparisonOperator: "GreaterThanThreshold",
});

// The runtime keeps each target's run of failed full passes and counts, each pass, the targets whose run reached
// 12 passes (3 minutes): one such target is enough.
export const failingTargets = monitor("FailingTargets", {
  alarmDescription: "A target failed every tick pass for 3 minutes (12 passes in a row).",
  namespace: metricsNamespace,
  metricName: METRICS.PersistentlyFailingTargets.name,
  dimensions: tickService,
  statistic: "Maximum",
  period: 60,
  evaluationPeriods: 1,
  threshold: 1,
  comparisonOperator: "GreaterThanOrEqualToThreshold",
});

const tableMetric = (id: string, metricName: string) => ({
  id,
  returnData: false,
  metric: {
    namespace: "AWS/DynamoDB",
    metricName,
    dimensions: { TableName: table.name },
    stat: "Sum",
    period: 300,
  },
});

export const tableThrottles = monitor("TableThrottles", {
  alarmDescription: "DynamoDB throttled reads or writes on the state table.",
  metricQueries: [
    tableMetric("reads", "ReadThrottleEvents"),
    tableMetric("writes", "WriteThrottleEvents"),
    { id: "throttled", expression: "FILL(reads, 0) + FILL(writes, 0)", label: "Throttled", returnData: true },
  ],
  evaluationPeriods: 1,
  threshold: 1,
  comparisonOperator: "GreaterThanOrEqualToThreshold",
});

export const monitoringAlarms = [
  tickErrors,
  alarmErrors,
  tickThrottles,
  alarmThrottles,
  heartbeat,
  alarmFailuresDepth,
  failingTargets,
  tableThrottles,
];

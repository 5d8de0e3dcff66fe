import {
  type CloudWatchClient,
  type ComparisonOperator,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  type PutMetricAlarmCommandInput,
  type Statistic,
} from "@aws-sdk/client-cloudwatch";
import type { AlarmPort, ManagedAlarm } from "@gantry/core";
import { ValidationError } from "@gantry/core";
import { chunk } from "../chunk.ts";
import { callAws } from "../sdk-errors.ts";

/**
 * Gantry touches only alarms whose names start with this, as Application Auto Scaling does with its own. A
 * staged deployment's names (`gantry-<stage>-…`) are inside it; which stage's names a sync may touch is the
 * runtime's rule (packages/runtime/src/alarm-names.ts), and IAM limits each stage's tick to its own prefix.
 */
export const MANAGED_ALARM_PREFIX = "gantry-";
/** DeleteAlarms accepts at most 100 names per call [AWS]. */
export const DELETE_ALARMS_LIMIT = 100;

const STATISTICS: ReadonlySet<string> = new Set(["SampleCount", "Average", "Sum", "Minimum", "Maximum"]);
const COMPARISON_OPERATORS: ReadonlySet<string> = new Set([
  "GreaterThanOrEqualToThreshold",
  "GreaterThanThreshold",
  "LessThanThreshold",
  "LessThanOrEqualToThreshold",
  "LessThanLowerOrGreaterThanUpperThreshold",
  "LessThanLowerThreshold",
  "GreaterThanUpperThreshold",
]);

/** AlarmPort over CloudWatch. Names outside `gantry-` are refused with a ValidationError before any call. */
export function createAlarmPort(client: CloudWatchClient): AlarmPort {
  return {
    putAlarm: (alarm) => putAlarm(client, alarm),
    deleteAlarms: (names) => deleteAlarms(client, names),
    listAlarmNames: (prefix) => listAlarmNames(client, prefix),
  };
}

function assertManaged(name: string, field: string): void {
  if (!name.startsWith(MANAGED_ALARM_PREFIX)) {
    throw new ValidationError(
      `Gantry manages only alarms named ${MANAGED_ALARM_PREFIX}…; refusing "${name}"`,
      field,
    );
  }
}

async function putAlarm(client: CloudWatchClient, alarm: ManagedAlarm): Promise<void> {
  const input = toPutMetricAlarm(alarm);
  await callAws({ action: "cloudwatch:PutMetricAlarm", resource: alarm.name }, () =>
    client.send(new PutMetricAlarmCommand(input)),
  );
}

export function toPutMetricAlarm(alarm: ManagedAlarm): PutMetricAlarmCommandInput {
  assertManaged(alarm.name, "name");
  if (!COMPARISON_OPERATORS.has(alarm.comparisonOperator)) {
    throw new ValidationError(
      `unknown comparison operator "${alarm.comparisonOperator}"`,
      "comparisonOperator",
    );
  }
  return {
    AlarmName: alarm.name,
    AlarmDescription: "Managed by Gantry; changes are overwritten.",
    Namespace: alarm.namespace,
    MetricName: alarm.metricName,
    Dimensions: alarm.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
    // Percentiles and other extended statistics (p99, tm90) go in ExtendedStatistic.
    ...(STATISTICS.has(alarm.statistic)
      ? { Statistic: alarm.statistic as Statistic }
      : { ExtendedStatistic: alarm.statistic }),
    Period: alarm.periodSeconds,
    EvaluationPeriods: alarm.evaluationPeriods,
    DatapointsToAlarm: alarm.datapointsToAlarm,
    Threshold: alarm.threshold,
    ComparisonOperator: alarm.comparisonOperator as ComparisonOperator,
    TreatMissingData: alarm.treatMissingData,
  };
}

async function deleteAlarms(client: CloudWatchClient, names: readonly string[]): Promise<void> {
  names.forEach((name, index) => {
    assertManaged(name, `names[${index}]`);
  });
  for (const batch of chunk([...new Set(names)], DELETE_ALARMS_LIMIT)) {
    await callAws({ action: "cloudwatch:DeleteAlarms", resource: `${batch.length} alarms` }, () =>
      client.send(new DeleteAlarmsCommand({ AlarmNames: batch })),
    );
  }
}

async function listAlarmNames(client: CloudWatchClient, prefix: string): Promise<string[]> {
  assertManaged(prefix, "prefix");
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await callAws({ action: "cloudwatch:DescribeAlarms", resource: `prefix ${prefix}` }, () =>
      client.send(
        new DescribeAlarmsCommand({
          AlarmNamePrefix: prefix,
          AlarmTypes: ["MetricAlarm"],
          MaxRecords: 100,
          NextToken: nextToken,
        }),
      ),
    );
    for (const alarm of page.MetricAlarms ?? []) if (alarm.AlarmName) names.push(alarm.AlarmName);
    nextToken = page.NextToken;
  } while (nextToken);
  return names;
}

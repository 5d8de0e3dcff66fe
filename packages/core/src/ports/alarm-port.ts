/** A CloudWatch alarm Gantry manages; its name always starts with `gantry-` (`gantry-<stage>-` when staged). */
export interface ManagedAlarm {
  name: string;
  namespace: string;
  metricName: string;
  dimensions: { name: string; value: string }[];
  statistic: string;
  periodSeconds: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparisonOperator: string;
  treatMissingData: "missing" | "notBreaching" | "breaching" | "ignore";
}

/** CloudWatch PutMetricAlarm / DeleteAlarms / DescribeAlarms, limited to `gantry-` alarms. */
export interface AlarmPort {
  putAlarm(alarm: ManagedAlarm): Promise<void>;
  /** Names must start with `gantry-`; adapters batch DeleteAlarms 100 per call. */
  deleteAlarms(names: readonly string[]): Promise<void>;
  listAlarmNames(prefix: string): Promise<string[]>;
}

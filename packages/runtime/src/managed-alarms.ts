import type {
  ManagedAlarm,
  MetricStat,
  Policy,
  StepScalingPolicy,
  TargetConfig,
  TargetTrackingPolicy,
} from "@gantry/core";
import { liveQueueOf, parseServiceId, queueNameOf } from "@gantry/core";
import { managedAlarmName } from "./alarm-names.ts";
import { metricStatFor } from "./metric-stat.ts";

/** A managed alarm and the target whose reconciliation it triggers. */
export interface DesiredAlarm {
  targetId: string;
  alarm: ManagedAlarm;
}

/** Which managed alarms a deployment keeps. */
export interface AlarmOptions {
  /**
   * Wake alarms (default true). Off when the tick reads every queue more often than once a minute (sub-ticks):
   * the alarm watches SQS's one-minute CloudWatch metric, which comes later than the tick's own read.
   */
  wake?: boolean;
}

/**
 * The alarms the targets' policies need (DESIGN §4):
 * - a wake alarm per queue of a target that can sit at zero tasks, so the first message wakes it at once;
 * - a mirror of each StepScaling policy's alarm on a CloudWatch metric, so a breach reconciles without waiting
 *   for the next tick;
 * - the scale-out alarm of each TargetTracking policy on a CloudWatch metric (above target for
 *   `scaleOutDatapoints` of as many periods, as Application Auto Scaling's high alarm), which lets the tick
 *   leave a target at rest unread (read-schedule.ts) without ever scaling out later than AWS would.
 * Math metrics have none (an alarm on one metric cannot express them); live SQS metrics need none beyond the
 * wake alarm, since every pass reads the queue. Names carry the deployment's stage when it has one
 * (`gantry-<stage>-<hash>-…`).
 */
export function desiredAlarms(
  configs: readonly TargetConfig[],
  stage?: string,
  options: AlarmOptions = {},
): DesiredAlarm[] {
  const alarms = new Map<string, DesiredAlarm>();
  for (const config of configs) {
    const targetId = config.target.id;
    const found = [
      ...(options.wake === false ? [] : wakeAlarms(config, stage)),
      ...config.policies.flatMap((p) => stepAlarm(targetId, p, stage)),
      ...config.policies.flatMap((p) => scaleOutAlarm(targetId, p, stage)),
    ];
    for (const alarm of found) alarms.set(alarm.name, { targetId, alarm });
  }
  return [...alarms.values()];
}

/** Alarm name → target id, so the alarm handler can reconcile the target an alarm belongs to. */
export function alarmTargets(
  configs: readonly TargetConfig[],
  stage?: string,
  options: AlarmOptions = {},
): Map<string, string> {
  return new Map(desiredAlarms(configs, stage, options).map(({ alarm, targetId }) => [alarm.name, targetId]));
}

/** A target may sit at zero when its minimum is 0 or its behavior scales to zero. */
function canSitAtZero(config: TargetConfig): boolean {
  return config.target.minCapacity === 0 || config.behavior?.scaleToZero !== undefined;
}

function wakeAlarms(config: TargetConfig, stage: string | undefined): ManagedAlarm[] {
  if (!canSitAtZero(config)) return [];
  const urls = new Set(config.policies.flatMap((p) => liveQueueOf(p.metric) ?? []));
  const threshold = config.behavior?.scaleToZero?.activationThreshold ?? 0;
  return [...urls].map((url) => wakeAlarm(config.target.id, url, threshold, stage));
}

/** ApproximateNumberOfMessagesVisible above the activation threshold: the first message wakes the service. */
function wakeAlarm(
  targetId: string,
  queueUrl: string,
  threshold: number,
  stage: string | undefined,
): ManagedAlarm {
  const queueName = queueNameOf(queueUrl);
  const definition: Omit<ManagedAlarm, "name"> = {
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: [{ name: "QueueName", value: queueName }],
    statistic: "Maximum",
    periodSeconds: 60,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    threshold,
    comparisonOperator: "GreaterThanThreshold",
    // An idle queue publishes no datapoints for a while; that is not a reason to wake.
    treatMissingData: "notBreaching",
  };
  const identity = { targetId, wake: queueUrl, definition };
  const name = managedAlarmName(identity, `${serviceName(targetId)}-wake`, stage);
  return { name, ...definition };
}

function stepAlarm(targetId: string, policy: Policy, stage: string | undefined): ManagedAlarm[] {
  if (policy.type !== "StepScaling" || liveQueueOf(policy.metric) || "math" in policy.metric) return [];
  const stat = statOrUndefined(targetId, policy);
  if (!stat) return [];
  const definition: Omit<ManagedAlarm, "name"> = { ...metricOf(stat), ...mirroredAlarm(policy) };
  const suffix = `${serviceName(targetId)}-${policy.name}`;
  const name = managedAlarmName({ targetId, policy: policy.name, definition }, suffix, stage);
  return [{ name, ...definition }];
}

function mirroredAlarm(policy: StepScalingPolicy) {
  const { periodSeconds, evaluationPeriods, datapointsToAlarm, threshold, comparisonOperator } = policy.alarm;
  const treatMissingData = "missing" as const;
  return {
    periodSeconds,
    evaluationPeriods,
    datapointsToAlarm,
    threshold,
    comparisonOperator,
    treatMissingData,
  };
}

/** Above target for all of the last `scaleOutDatapoints` periods: what the core needs to scale out. */
function scaleOutAlarm(targetId: string, policy: Policy, stage: string | undefined): ManagedAlarm[] {
  if (policy.type !== "TargetTracking" || liveQueueOf(policy.metric) || "math" in policy.metric) return [];
  const stat = statOrUndefined(targetId, policy);
  if (!stat) return [];
  const definition: Omit<ManagedAlarm, "name"> = { ...metricOf(stat), ...trackingAlarm(policy) };
  const suffix = `${serviceName(targetId)}-${policy.name}-out`;
  const name = managedAlarmName({ targetId, policy: policy.name, definition }, suffix, stage);
  return [{ name, ...definition }];
}

function trackingAlarm(policy: TargetTrackingPolicy) {
  const { periodSeconds, scaleOutDatapoints } = policy.evaluation;
  return {
    periodSeconds,
    evaluationPeriods: scaleOutDatapoints,
    datapointsToAlarm: scaleOutDatapoints,
    threshold: policy.targetValue,
    comparisonOperator: "GreaterThanThreshold",
    // Missing datapoints neither breach nor clear: the core does not scale out on missing data either.
    treatMissingData: "missing" as const,
  };
}

function metricOf(stat: MetricStat) {
  const { namespace, metricName, dimensions, statistic } = stat;
  return { namespace, metricName, dimensions, statistic };
}

/** A metric that cannot be named (an ALB label without a target group) gets no alarm; the pass fails its target. */
function statOrUndefined(targetId: string, policy: Policy): MetricStat | undefined {
  try {
    return metricStatFor(targetId, policy.metric);
  } catch {
    return undefined;
  }
}

function serviceName(targetId: string): string {
  return parseServiceId(targetId, "target.id").service;
}

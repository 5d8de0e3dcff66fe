import type {
  AlarmPort,
  ManagedAlarm,
  MetricStat,
  Policy,
  StepScalingPolicy,
  TargetConfig,
} from "@gantry/core";
import { liveQueueOf, parseServiceId, queueNameOf } from "@gantry/core";
import { alarmNamePrefix, isStageAlarm, managedAlarmName } from "./alarm-names.ts";
import { errorInfo } from "./error-info.ts";

import { metricStatFor } from "./metric-stat.ts";

/** A managed alarm and the target whose reconciliation it triggers. */
export interface DesiredAlarm {
  targetId: string;
  alarm: ManagedAlarm;
}

export interface AlarmSyncResult {
  created: string[];
  deleted: string[];
  kept: string[];
  /** Orphans left in place because some targets could not be read (`keepOrphans`). */
  held: string[];
  failed: { name: string; code: string; message: string }[];
}

export interface AlarmSyncOptions {
  /**
   * Delete no orphan: set when some stored targets could not be read. An alarm's owner cannot be told from its
   * name (the hash is one-way; the suffix names the service, not its cluster, cut to 80 characters), so any
   * orphan may be an unreadable target's wake alarm, and nothing is deleted because it could not be read.
   */
  keepOrphans?: boolean;
}

/**
 * The alarms the targets' policies need (DESIGN §4):
 * - a wake alarm per queue of a target that can sit at zero tasks, so the first message wakes it at once;
 * - a mirror of each StepScaling policy's alarm on a CloudWatch metric, so a breach reconciles without waiting
 *   for the next tick. Math metrics have none (an alarm on one metric cannot express them); live SQS metrics
 *   need none beyond the wake alarm, since every pass reads the queue.
 * Names carry the deployment's stage when it has one (`gantry-<stage>-<hash>-…`).
 */
export function desiredAlarms(configs: readonly TargetConfig[], stage?: string): DesiredAlarm[] {
  const alarms = new Map<string, DesiredAlarm>();
  for (const config of configs) {
    const targetId = config.target.id;
    const found = [
      ...wakeAlarms(config, stage),
      ...config.policies.flatMap((p) => stepAlarm(targetId, p, stage)),
    ];
    for (const alarm of found) alarms.set(alarm.name, { targetId, alarm });
  }
  return [...alarms.values()];
}

/** Alarm name → target id, so the alarm handler can reconcile the target an alarm belongs to. */
export function alarmTargets(configs: readonly TargetConfig[], stage?: string): Map<string, string> {
  return new Map(desiredAlarms(configs, stage).map(({ alarm, targetId }) => [alarm.name, targetId]));
}

/**
 * Puts the missing alarms and deletes this stage's alarms no target needs. Alarms that exist by name match
 * (the name hashes the definition) and are left alone. Only names in this stage's exact form are listed as
 * candidates: other stages' alarms (and, with no stage, every staged one), names without the prefix and
 * `gantry-` names not in Gantry's form are never touched. One alarm's failure does not stop the others:
 * failures are returned. With `keepOrphans`, orphans are only reported (`held`).
 */
export async function syncAlarms(
  configs: readonly TargetConfig[],
  port: AlarmPort,
  stage?: string,
  options: AlarmSyncOptions = {},
): Promise<AlarmSyncResult> {
  const wanted = new Map(desiredAlarms(configs, stage).map(({ alarm }) => [alarm.name, alarm]));
  const existing = (await port.listAlarmNames(alarmNamePrefix(stage))).filter((name) =>
    isStageAlarm(name, stage),
  );
  const present = new Set(existing);
  const result: AlarmSyncResult = { created: [], deleted: [], kept: [], held: [], failed: [] };
  for (const [name, alarm] of wanted) {
    if (present.has(name)) result.kept.push(name);
    else await putOne(port, alarm, result);
  }
  const orphans = existing.filter((name) => !wanted.has(name));
  if (options.keepOrphans) result.held.push(...orphans);
  else if (orphans.length > 0) await deleteOrphans(port, orphans, result);
  return result;
}

async function putOne(port: AlarmPort, alarm: ManagedAlarm, result: AlarmSyncResult): Promise<void> {
  try {
    await port.putAlarm(alarm);
    result.created.push(alarm.name);
  } catch (error) {
    result.failed.push({ name: alarm.name, ...errorInfo(error) });
  }
}

/**
 * DeleteAlarms is all or nothing per call, so a failed call is split in halves down to single alarms: only the
 * alarms at fault are reported failed. One already gone (NotFound, say deleted by an earlier batch) is deleted.
 */
async function deleteOrphans(port: AlarmPort, names: string[], result: AlarmSyncResult): Promise<void> {
  try {
    await port.deleteAlarms(names);
    result.deleted.push(...names);
  } catch (error) {
    const info = errorInfo(error);
    if (names.length === 1 && info.code === "NotFound") result.deleted.push(...names);
    else if (names.length === 1) result.failed.push({ name: names[0] as string, ...info });
    else {
      const half = Math.ceil(names.length / 2);
      await deleteOrphans(port, names.slice(0, half), result);
      await deleteOrphans(port, names.slice(half), result);
    }
  }
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
  const definition: Omit<ManagedAlarm, "name"> = {
    namespace: stat.namespace,
    metricName: stat.metricName,
    dimensions: stat.dimensions,
    statistic: stat.statistic,
    ...mirroredAlarm(policy),
  };
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

import type { AlarmPort, ManagedAlarm, TargetConfig } from "@gantry/core";
import { alarmNamePrefix, isStageAlarm } from "./alarm-names.ts";
import { errorInfo } from "./error-info.ts";
import { type AlarmOptions, type DesiredAlarm, desiredAlarms } from "./managed-alarms.ts";

export { alarmTargets, type DesiredAlarm, desiredAlarms } from "./managed-alarms.ts";

export interface AlarmSyncResult {
  created: string[];
  deleted: string[];
  kept: string[];
  /** Orphans left in place because some targets could not be read (`keepOrphans`). */
  held: string[];
  failed: { name: string; code: string; message: string }[];
  /** Target ids whose every managed alarm exists after this sync (created or kept). */
  covered: string[];
}

export interface AlarmSyncOptions extends AlarmOptions {
  /**
   * Delete no orphan: set when some stored targets could not be read. An alarm's owner cannot be told from its
   * name (the hash is one-way; the suffix names the service, not its cluster, cut to 80 characters), so any
   * orphan may be an unreadable target's wake alarm, and nothing is deleted because it could not be read.
   */
  keepOrphans?: boolean;
  /**
   * Put no alarm once `now()` reaches this (epoch ms): PutMetricAlarm is limited to a few calls a second, so a
   * fleet's first sync takes several passes; the alarms not put yet are neither failed nor covered.
   */
  deadline?: { at: number; now: () => number };
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
  const desired = desiredAlarms(configs, stage, options);
  const wanted = new Map(desired.map(({ alarm }) => [alarm.name, alarm]));
  const existing = (await port.listAlarmNames(alarmNamePrefix(stage))).filter((name) =>
    isStageAlarm(name, stage),
  );
  const present = new Set(existing);
  const result: AlarmSyncResult = { created: [], deleted: [], kept: [], held: [], failed: [], covered: [] };
  const { deadline } = options;
  for (const [name, alarm] of wanted) {
    if (present.has(name)) result.kept.push(name);
    else if (deadline === undefined || deadline.now() < deadline.at) await putOne(port, alarm, result);
  }
  const orphans = existing.filter((name) => !wanted.has(name));
  if (options.keepOrphans) result.held.push(...orphans);
  else if (orphans.length > 0) await deleteOrphans(port, orphans, result);
  result.covered = coveredTargets(configs, desired, new Set([...result.kept, ...result.created]));
  return result;
}

function coveredTargets(
  configs: readonly TargetConfig[],
  desired: readonly DesiredAlarm[],
  inPlace: ReadonlySet<string>,
): string[] {
  const missing = new Set(desired.filter((d) => !inPlace.has(d.alarm.name)).map((d) => d.targetId));
  return configs.map((c) => c.target.id).filter((id) => !missing.has(id));
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

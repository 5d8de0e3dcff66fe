import type { Clock, StateStore, TargetConfig } from "@gantry/core";
import { type AlarmEvent, reasonToIgnore } from "./alarm-event.ts";

/** The target an alarm event is for, or why the event needs no reconcile. */
export async function resolveAlarmTarget(
  alarm: AlarmEvent,
  alarmTargets: (options?: { refresh?: boolean }) => Promise<Map<string, string>>,
  stage?: string,
): Promise<{ targetId: string } | { ignored: string }> {
  const reason = reasonToIgnore(alarm, stage);
  if (reason) return { ignored: reason };
  const { alarmName } = alarm.detail;
  // A name the index does not know may be an alarm the tick put since: look again in a fresh index.
  const targetId =
    (await alarmTargets()).get(alarmName) ?? (await alarmTargets({ refresh: true })).get(alarmName);
  // An alarm whose policy or target was just removed still fires until the next tick deletes it.
  return targetId ? { targetId } : { ignored: `alarm ${alarmName} belongs to no target (an orphan?)` };
}

export interface AlarmTargetIndexOptions {
  store: Pick<StateStore, "listTargets">;
  /** Alarm name → target id for these configs: the naming rule of the reconciler's alarm sync. */
  mapAlarms: (configs: readonly TargetConfig[]) => Map<string, string>;
  clock: Clock;
  /** How long a built index is reused (default 10 min), so alarm events do not read every target each time. */
  maxAgeMs?: number;
}

export const ALARM_INDEX_MAX_AGE_MS = 600_000;
/** A refresh asked for (an unknown name) rebuilds an index at least this old, so a storm of orphans reads little. */
export const ALARM_INDEX_MIN_AGE_MS = 10_000;

/**
 * Alarm name → target id, from the stored targets, cached: listing 10,000 targets reads megabytes, and scale-out
 * alarms make alarm events common. A name it does not know (an alarm the tick put since) rebuilds it. Staleness is
 * otherwise harmless: an alarm's name hashes its definition, so a changed alarm has a new name, and an alarm of a
 * just-deleted target (deleted by the tick's next sync) reconciles a target that is gone.
 */
export function createAlarmTargetIndex(
  options: AlarmTargetIndexOptions,
): (request?: { refresh?: boolean }) => Promise<Map<string, string>> {
  const maxAgeMs = options.maxAgeMs ?? ALARM_INDEX_MAX_AGE_MS;
  let cached: { builtAt: number; index: Map<string, string> } | undefined;
  return async (request = {}) => {
    const now = options.clock.now();
    const keepFor = request.refresh ? Math.min(ALARM_INDEX_MIN_AGE_MS, maxAgeMs) : maxAgeMs;
    if (cached && now - cached.builtAt < keepFor) return cached.index;
    const { records } = await options.store.listTargets();
    cached = { builtAt: now, index: options.mapAlarms(records.map((record) => record.config)) };
    return cached.index;
  };
}

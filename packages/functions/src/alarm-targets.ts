import type { Clock, StateStore, TargetConfig } from "@gantry/core";
import { type AlarmEvent, reasonToIgnore } from "./alarm-event.ts";

/** The target an alarm event is for, or why the event needs no reconcile. */
export async function resolveAlarmTarget(
  alarm: AlarmEvent,
  alarmTargets: () => Promise<Map<string, string>>,
  stage?: string,
): Promise<{ targetId: string } | { ignored: string }> {
  const reason = reasonToIgnore(alarm, stage);
  if (reason) return { ignored: reason };
  const { alarmName } = alarm.detail;
  const targetId = (await alarmTargets()).get(alarmName);
  // An alarm whose policy or target was just removed still fires until the next tick deletes it.
  return targetId ? { targetId } : { ignored: `alarm ${alarmName} belongs to no target (an orphan?)` };
}

export interface AlarmTargetIndexOptions {
  store: Pick<StateStore, "listTargets">;
  /** Alarm name → target id for these configs: the naming rule of the reconciler's alarm sync. */
  mapAlarms: (configs: readonly TargetConfig[]) => Map<string, string>;
  clock: Clock;
  /** How long a built index is reused (default 30 s), so an alarm storm does not read the table per event. */
  maxAgeMs?: number;
}

export const ALARM_INDEX_MAX_AGE_MS = 30_000;

/**
 * Alarm name → target id, from the stored targets, cached briefly. Staleness is harmless: a target's alarms
 * fire only after it has datapoints, and an alarm of a just-deleted target reconciles a target that is gone.
 */
export function createAlarmTargetIndex(options: AlarmTargetIndexOptions): () => Promise<Map<string, string>> {
  const maxAgeMs = options.maxAgeMs ?? ALARM_INDEX_MAX_AGE_MS;
  let cached: { builtAt: number; index: Map<string, string> } | undefined;
  return async () => {
    const now = options.clock.now();
    if (cached && now - cached.builtAt < maxAgeMs) return cached.index;
    const { records } = await options.store.listTargets();
    cached = { builtAt: now, index: options.mapAlarms(records.map((record) => record.config)) };
    return cached.index;
  };
}

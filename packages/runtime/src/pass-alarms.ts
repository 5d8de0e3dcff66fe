import type { TargetProblem, TargetRecord } from "@gantry/core";
import { syncAlarms } from "./alarm-sync.ts";
import { errorInfo } from "./error-info.ts";
import type { ReconcileLogger, ReconcilerDeps } from "./reconciler-types.ts";
import type { TargetMemory } from "./target-memory.ts";

/** While no config changes, alarms are synced this often: enough to put back one deleted by hand. */
export const ALARM_RESYNC_MS = 15 * 60_000;
/**
 * The least one sync may spend putting alarms; it may take a quarter of the time left before the cutoff when
 * that is more. PutMetricAlarm allows a few calls a second [AWS], so a fleet's first sync spreads over several
 * ticks; until a target's alarms are in place it is read every pass.
 */
export const ALARM_SYNC_BUDGET_MS = 10_000;

/**
 * The managed alarms of full passes (DESIGN §4). A pass over some targets cannot tell which alarms are orphans.
 * Nor can a pass that could not read every target: it deletes no orphan, which could be an unreadable target's
 * wake alarm. A sync is skipped while the targets and their config versions are those of the last complete
 * one, up to ALARM_RESYNC_MS: listing thousands of alarms every minute costs calls and time.
 */
export class AlarmSyncer {
  #synced: { signature: string; at: number } | undefined;

  async sync(
    deps: ReconcilerDeps,
    loaded: { records: readonly TargetRecord[]; problems: readonly TargetProblem[] },
    cutoff: number,
    log: ReconcileLogger,
    memory: TargetMemory,
  ): Promise<void> {
    if (!deps.alarms) return;
    const now = deps.clock.now();
    const signature = signatureOf(loaded.records, loaded.problems);
    if (this.#synced?.signature === signature && now - this.#synced.at < ALARM_RESYNC_MS) return;
    if (now >= cutoff) {
      log.warn("no time left to sync alarms; the next pass will");
      return;
    }
    try {
      const configs = loaded.records.map((r) => r.config);
      const budget = Math.max(ALARM_SYNC_BUDGET_MS, (cutoff - now) / 4);
      const deadline = { at: Math.min(cutoff, now + budget), now: () => deps.clock.now() };
      const result = await syncAlarms(configs, deps.alarms, deps.alarmStage, {
        keepOrphans: loaded.problems.length > 0,
        deadline,
        ...(deps.wakeAlarms === false && { wake: false }),
      });
      const versions = new Map(loaded.records.map((r) => [r.config.target.id, r.version]));
      memory.setAlarmed(new Map(result.covered.map((id) => [id, versions.get(id) as number])));
      const complete = result.failed.length === 0 && result.covered.length === loaded.records.length;
      this.#synced = complete ? { signature, at: now } : undefined;
      reportSync(deps, result, loaded.problems, log);
    } catch (error) {
      log.error("listing managed alarms failed", errorInfo(error));
      deps.telemetry?.record("AlarmSyncFailures", 1, "Count");
    }
  }
}

function reportSync(
  deps: ReconcilerDeps,
  result: Awaited<ReturnType<typeof syncAlarms>>,
  problems: readonly TargetProblem[],
  log: ReconcileLogger,
): void {
  for (const failure of result.failed) log.error("alarm sync failed", { ...failure });
  if (result.held.length > 0) {
    const unreadable = problems.map((p) => p.targetId);
    log.warn("orphan alarms kept: some targets could not be read", { held: result.held, unreadable });
  }
  if (result.created.length + result.deleted.length > 0) {
    log.info("alarms synced", { created: result.created, deleted: result.deleted });
  }
  deps.telemetry?.record("AlarmsCreated", result.created.length, "Count");
  deps.telemetry?.record("AlarmsDeleted", result.deleted.length, "Count");
  deps.telemetry?.record("AlarmSyncFailures", result.failed.length, "Count");
}

function signatureOf(records: readonly TargetRecord[], problems: readonly TargetProblem[]): string {
  const ids = records.map((r) => `${r.config.target.id}@${r.version}`).sort();
  return [...ids, ...problems.map((p) => `!${p.targetId}`).sort()].join("\n");
}

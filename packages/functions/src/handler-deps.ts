// What the tick and alarm handlers are built from, apart from the handlers so that deps-from-env can build them
// without importing the handlers (which import it).
import type { Clock } from "@gantry/core";
import type { Reconciler } from "@gantry/runtime";
import type { Observability } from "./observability.ts";

export interface TickDeps extends Partial<Observability> {
  reconciler: Reconciler;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** Seconds between passes inside one invocation; 0 or ≥ 60 for a single pass. */
  subTickSeconds: number;
  /** The schedule's period; sub-ticks stop before the next scheduled invocation (default 60 s). */
  schedulePeriodSeconds?: number;
}

export interface AlarmDeps extends Partial<Observability> {
  reconciler: Reconciler;
  clock: Clock;
  /** Managed alarm name → the id of the target whose policy owns it; `refresh` asks for a fresh index. */
  alarmTargets: (options?: { refresh?: boolean }) => Promise<Map<string, string>>;
  /** The deployment's stage (GANTRY_STAGE): another stage's alarm is ignored. Unset: unstaged names only. */
  alarmStage?: string;
}

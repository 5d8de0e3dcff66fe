import type {
  AlarmPort,
  ApplicationAutoScalingPort,
  CapacityStateStore,
  Clock,
  ClusterCapacityPort,
  EcsPort,
  EventsPort,
  MetricsPort,
  QueuePort,
  ScalingAction,
  SeriesStore,
  StateStore,
  TargetProblem,
  Trigger,
} from "@gantry/core";
import type { CapacityOutcome } from "./capacity/capacity-activity.ts";

/** Structured log lines, keyed by target id (Powertools Logger in Lambda, a no-op or console elsewhere). */
export interface ReconcileLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Counters and gauges the handlers publish (Powertools Metrics / EMF in Lambda). */
export interface ReconcileMetrics {
  record(name: string, value: number, unit: "Count" | "Milliseconds" | "None", targetId?: string): void;
}

/**
 * Where the next full pass starts: the first target the last one skipped at its deadline (DynamoDB in AWS, one
 * small item). Read every full pass, written only when it moves. Losing it, or a pass cut before writing it,
 * only costs fairness: the order is then by id from the stored start.
 */
export interface PassCursorStore {
  readPassCursor(): Promise<string | undefined>;
  writePassCursor(targetId: string | undefined): Promise<void>;
}

/** Everything the reconciler talks to, injected: AWS adapters in Lambda, the simulated account in tests. */
export interface ReconcilerDeps {
  store: StateStore;
  ecs: EcsPort;
  metrics: MetricsPort;
  queues: QueuePort;
  events: EventsPort;
  /**
   * The cluster stage (stage 2): when present, every pass plans the instances of the groups its targets name, right
   * after stage 1; when absent, no instance is ever changed.
   */
  capacity?: { port: ClusterCapacityPort; store: CapacityStateStore };
  /**
   * Which services Application Auto Scaling still scales: those are held (ManagedByApplicationAutoScaling) unless
   * their target says `takeOver`. Absent: no service is taken for managed elsewhere.
   */
  applicationAutoScaling?: ApplicationAutoScalingPort;
  /**
   * Gantry's own chart history: full passes record each target's counts, metric and backlog when they move
   * (series/series-recorder.ts). Absent: nothing is recorded.
   */
  series?: SeriesStore;
  /** The recorder's bucket window (default and longest SERIES_WINDOW_MS, 5 min; `gantry dev` uses a minute). */
  seriesWindowMs?: number;
  /** Managed `gantry-` alarms; when absent the reconciler does not sync alarms. */
  alarms?: AlarmPort;
  /**
   * The deployment's stage (GANTRY_STAGE): alarms are named and synced under `gantry-<stage>-` only, so stages
   * sharing an account leave each other's alarms alone. Unset: unstaged `gantry-<12 hex>-…` names.
   */
  alarmStage?: string;
  /** Keep wake alarms (default true); see AlarmOptions.wake. The alarm handler must map names the same way. */
  wakeAlarms?: boolean;
  /** Where full passes start (the first target the last one skipped); in memory only when absent. */
  cursor?: PassCursorStore;
  clock: Clock;
  log?: ReconcileLogger;
  telemetry?: ReconcileMetrics;
  /** Random suffix for activity ids; injected so tests are deterministic. */
  randomId?: () => string;
}

export interface ReconcileOptions {
  /** Epoch ms. No new target is started after `deadline − safetyMs`; what is left is reported as skipped. */
  deadline: number;
  /** Stop starting work this long before the deadline (default 2,000 ms). */
  safetyMs?: number;
  /** Only these targets (the alarm handler); default all. */
  targetIds?: readonly string[];
  /** What invoked this pass; an alarm event id is applied once per target. */
  trigger?: Trigger;
  /** Concurrent GetQueueAttributes calls (default 48). */
  queueConcurrency?: number;
  /** Sync the managed alarms on this full pass (default true); the tick does it once per invocation. */
  syncAlarms?: boolean;
  /**
   * Targets decided and applied at once; each is at most a few state writes and one UpdateService. Default: sized
   * to the pass (targetConcurrencyFor).
   */
  targetConcurrency?: number;
}

export type TargetStatus =
  | "Successful" // scaled
  | "Unchanged" // decided, no change needed
  | "DryRun" // decided a change, recorded it, did not apply it
  | "Failed" // observing, deciding or applying failed; recorded as a Failed activity
  | "Unknown" // UpdateService's outcome is unknown; recorded InProgress, settled by the next pass
  | "Conflict" // lost the conditional write twice; recorded why, did not act
  | "Skipped"; // not reached before the deadline

export interface TargetOutcome {
  targetId: string;
  status: TargetStatus;
  action: ScalingAction;
  fromCapacity: number;
  toCapacity: number;
  activityId?: string;
  error?: { code: string; message: string };
}

export interface ReconcileSummary {
  startedAt: number;
  finishedAt: number;
  outcomes: TargetOutcome[];
  /** The target items this pass could not read (corrupt), also logged and counted (`CorruptItems`). */
  problems: TargetProblem[];
  /** Stage 2's outcome per group; absent without `deps.capacity`. */
  capacity?: CapacityOutcome[];
}

export interface Reconciler {
  reconcile(options: ReconcileOptions): Promise<ReconcileSummary>;
  /** Writes the chart samples still waiting for their minute to end; the tick calls it before it returns. */
  flushSeries?(): Promise<void>;
}

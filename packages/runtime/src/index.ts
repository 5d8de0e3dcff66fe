export type {
  ReconcileLogger,
  ReconcileMetrics,
  ReconcileOptions,
  Reconciler,
  ReconcilerDeps,
  ReconcileSummary,
  TargetOutcome,
  TargetStatus,
} from "./reconciler-types.ts";

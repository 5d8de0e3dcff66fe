export type { ApplicationAutoScalingPort } from "./aas-port.ts";
export type { AlarmPort, ManagedAlarm } from "./alarm-port.ts";
export type {
  CapacityProviderState,
  CapacityRecord,
  CapacityStateStore,
  ClusterCapacityPort,
  ClusterSnapshot,
  StoredCapacityRecord,
} from "./capacity-port.ts";
export type { Clock } from "./clock.ts";
export type { EcsPort, ServiceSnapshot } from "./ecs-port.ts";
export type { EventsPort } from "./events-port.ts";
export type { BacktestJob, JobError, JobStatus, JobStore, JobUpdate } from "./job-store.ts";
export { JOB_STATUSES } from "./job-store.ts";
export type { MetricQuery, MetricStat, MetricsPort } from "./metrics-port.ts";
export type { QueuePort } from "./queue-port.ts";
export type { SeriesSample, SeriesStore } from "./series-store.ts";
export { SERIES_WINDOW_MS, samplesInRange } from "./series-store.ts";
export type {
  ActivityPage,
  RawTargetItem,
  StateStore,
  StateVersions,
  TargetListing,
  TargetProblem,
  TargetRecord,
} from "./state-store.ts";

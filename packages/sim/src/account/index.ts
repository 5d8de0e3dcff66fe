// The simulated AWS account: ECS services of SQS workers, CloudWatch, the ports over them.
export { type ArrivalFeed, TraceFeed } from "./arrival-feed.ts";
export { CloudWatchStore, type CloudWatchTiming, type Statistic } from "./cloudwatch-store.ts";
export { CpuMetric } from "./cpu-metric.ts";
export { type AppliedChange, DesiredHistory } from "./desired-history.ts";
export { EcsService, type EcsServiceOptions } from "./ecs-service.ts";
export { EventQueue } from "./event-queue.ts";
export { fargatePlacement, type PlacementHook, placementByService } from "./placement.ts";
export { createPrng, type Prng, streamSeed } from "./prng.ts";
export type { AttributeOptions } from "./queue-attributes.ts";
export type { MinuteSeries, MinuteState } from "./service-series.ts";
export type { ServiceDefaults, ServiceSettings, ServiceSpec } from "./service-settings.ts";
export { SimAccount, type SimAccountOptions } from "./sim-account.ts";
export {
  createSimClock,
  createSimEcsPort,
  createSimMetricsPort,
  createSimPorts,
  createSimQueuePort,
  type SimPorts,
} from "./sim-ports.ts";
export { SimService } from "./sim-service.ts";
export { SqsQueue, type SqsQueueOptions } from "./sqs-queue.ts";
export { percentile, type WaitSummary } from "./wait-log.ts";

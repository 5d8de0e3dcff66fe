export {
  type DeregisterOutcome,
  deregisterScalableTarget,
} from "./application-autoscaling/aas-deregister.ts";
export { createAasImportClients } from "./application-autoscaling/aas-import-clients.ts";
export type { AasImportClients } from "./application-autoscaling/aas-import-reader.ts";
export {
  DESCRIBE_ALARMS_NAMES_LIMIT,
  readAasSetup,
  stepAlarmNames,
} from "./application-autoscaling/aas-import-reader.ts";
export type { AasRegistrationsOptions } from "./application-autoscaling/aas-registrations.ts";
export { createAasRegistrations } from "./application-autoscaling/aas-registrations.ts";
export type * from "./application-autoscaling/aas-setup.ts";
export { ECS_DESIRED_COUNT, ECS_NAMESPACE } from "./application-autoscaling/aas-setup.ts";
export { createAsgPort, SET_INSTANCE_PROTECTION_LIMIT } from "./autoscaling/asg-adapter.ts";
export type {
  AsgGroup,
  AsgInstance,
  AsgPort,
  CapacityProviderSnapshot,
  CapacityProviderUpdate,
  EcsCapacityPort,
  ManagedScalingSettings,
} from "./autoscaling/capacity-ports.ts";
export type { ClusterCapacityClients } from "./autoscaling/cluster-capacity-adapter.ts";
export { createClusterCapacityPort } from "./autoscaling/cluster-capacity-adapter.ts";
export type { AwsClientOptions, AwsClients, OperatorClients } from "./clients.ts";
export { awsClientConfig, createAwsClients, createOperatorClients, DEFAULT_MAX_ATTEMPTS } from "./clients.ts";
export { createAlarmPort, DELETE_ALARMS_LIMIT, MANAGED_ALARM_PREFIX } from "./cloudwatch/alarm-adapter.ts";
export { batchMetricQueries, GET_METRIC_DATA_LIMIT } from "./cloudwatch/metric-query-batches.ts";
export { createMetricsPort } from "./cloudwatch/metrics-adapter.ts";
export { ACTIVITY_RETENTION_SECONDS } from "./dynamodb/activity-items.ts";
export type { DynamoCapacityStoreOptions } from "./dynamodb/capacity-store.ts";
export { createDynamoCapacityStore } from "./dynamodb/capacity-store.ts";
export { CorruptItemError } from "./dynamodb/corrupt-item-error.ts";
export type { DynamoStateStore, DynamoStateStoreOptions } from "./dynamodb/dynamo-state-store.ts";
export { createDynamoStateStore } from "./dynamodb/dynamo-state-store.ts";
export type { DynamoJobStoreOptions } from "./dynamodb/job-store.ts";
export { createDynamoJobStore, JOB_RETENTION_SECONDS } from "./dynamodb/job-store.ts";
export type { DynamoSeriesStoreOptions } from "./dynamodb/series-store.ts";
export { createDynamoSeriesStore, SERIES_RETENTION_SECONDS } from "./dynamodb/series-store.ts";
export { createStateTableInput, STATE_TABLE } from "./dynamodb/table-definition.ts";
export { TARGET_SHARDS, targetKey } from "./dynamodb/table-keys.ts";
export {
  createEcsCapacityPort,
  UPDATE_CONTAINER_INSTANCES_LIMIT,
} from "./ecs/container-instances-adapter.ts";
export { createEcsPort, DESCRIBE_SERVICES_LIMIT } from "./ecs/ecs-adapter.ts";
export type { EventsPortOptions } from "./eventbridge/events-adapter.ts";
export {
  ACTIVITY_DETAIL_TYPE,
  ACTIVITY_EVENT_SOURCE,
  createEventsPort,
  PUT_EVENTS_LIMIT,
} from "./eventbridge/events-adapter.ts";
export type { BacktestStarterOptions, StartBacktest } from "./lambda/backtest-starter.ts";
export { createBacktestStarter } from "./lambda/backtest-starter.ts";
export type { AwsCallContext } from "./sdk-errors.ts";
export { callAws, toDomainError } from "./sdk-errors.ts";
export { createQueuePort } from "./sqs/queue-adapter.ts";

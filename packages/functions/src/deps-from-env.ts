import {
  type AwsClients,
  createAasRegistrations,
  createAlarmPort,
  createAwsClients,
  createClusterCapacityPort,
  createDynamoCapacityStore,
  createDynamoSeriesStore,
  createDynamoStateStore,
  createEcsPort,
  createEventsPort,
  createMetricsPort,
  createQueuePort,
  type DynamoStateStore,
} from "@gantry/aws";
import type { Clock, TargetConfig } from "@gantry/core";
import { alarmTargets, createReconciler, type Reconciler, type ReconcilerDeps } from "@gantry/runtime";
import { createAlarmTargetIndex } from "./alarm-targets.ts";
import { countAwsCalls } from "./aws-call-count.ts";
import { type FunctionEnv, readFunctionEnv } from "./function-env.ts";
import type { AlarmDeps, TickDeps } from "./handler-deps.ts";
import type { Observability } from "./observability.ts";
import { toReconcileLogger } from "./powertools-logger.ts";
import { toReconcileMetrics } from "./powertools-metrics.ts";
import { SCHEDULE_PERIOD_SECONDS } from "./sub-ticks.ts";
import { traceClients } from "./traced-clients.ts";

export const systemClock: Clock = { now: () => Date.now() };

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `tick`'s dependencies from the Lambda environment. Throws EnvironmentError naming a missing variable. */
export function createTickDepsFromEnv(env: NodeJS.ProcessEnv, observability: Observability): TickDeps {
  const settings = readFunctionEnv(env);
  const { reconciler } = wireReconciler(settings, observability, { syncAlarms: true });
  return { reconciler, clock: systemClock, sleep, subTickSeconds: settings.subTickSeconds };
}

/** `alarm`'s dependencies from the Lambda environment. Throws EnvironmentError naming a missing variable. */
export function createAlarmDepsFromEnv(env: NodeJS.ProcessEnv, observability: Observability): AlarmDeps {
  const settings = readFunctionEnv(env);
  const { reconciler, store } = wireReconciler(settings, observability, { syncAlarms: false });
  const mapAlarms = (configs: readonly TargetConfig[]) =>
    alarmTargets(configs, settings.stage, { wake: wakeAlarms(settings) });
  const index = createAlarmTargetIndex({ store, mapAlarms, clock: systemClock });
  return { reconciler, clock: systemClock, alarmTargets: index, alarmStage: settings.stage };
}

/**
 * The real reconciler over the AWS adapters. Only `tick` gets the AlarmPort: the reconciler syncs alarms on
 * full passes only, and `alarm`'s passes name one target, so its role needs no alarm write permissions.
 */
export function wireReconciler(
  settings: FunctionEnv,
  observability: Observability,
  options: { syncAlarms: boolean },
): { reconciler: Reconciler; store: DynamoStateStore } {
  const region = settings.region === undefined ? {} : { region: settings.region };
  // Every AWS call a subsegment of the invocation's trace (active tracing: infra/stage-settings.ts), and counted.
  const clients = traceClients(createAwsClients(region), observability.tracer);
  countAwsCalls(clients, observability.metrics);
  const { deps, store } = reconcilerDeps(clients, settings, observability, options);
  return { reconciler: createReconciler(deps), store };
}

/** The reconciler's dependencies over given SDK clients, as the handlers wire them (the tick bench uses it too). */
export function reconcilerDeps(
  clients: AwsClients,
  settings: FunctionEnv,
  { logger, metrics }: Observability,
  options: { syncAlarms: boolean },
): { deps: ReconcilerDeps; store: DynamoStateStore } {
  const store = createDynamoStateStore({ client: clients.dynamoDb, tableName: settings.tableName });
  const deps: ReconcilerDeps = {
    store,
    ecs: createEcsPort(clients.ecs),
    metrics: createMetricsPort(clients.cloudWatch),
    queues: createQueuePort(clients.sqs),
    events: createEventsPort(clients.eventBridge, busOption(settings.eventBusName)),
    // A service AAS still scales is held unless its target says takeOver (tick and alarm passes alike).
    applicationAutoScaling: createAasRegistrations(clients.applicationAutoScaling),
    // Stage 2 runs only for targets with a `capacity` block; without one it makes no call at all.
    capacity: {
      port: createClusterCapacityPort({ autoScaling: clients.autoScaling, ecs: clients.ecs }),
      store: createDynamoCapacityStore({ client: clients.dynamoDb, tableName: settings.tableName }),
    },
    // Only tick runs full passes: the alarm port to sync alarms, the series it records, the cursor of where its
    // passes start.
    ...(options.syncAlarms
      ? {
          alarms: createAlarmPort(clients.cloudWatch),
          // The charts' samples, recorded by full passes and flushed when the tick returns.
          series: createDynamoSeriesStore({ client: clients.dynamoDb, tableName: settings.tableName }),
          alarmStage: settings.stage,
          wakeAlarms: wakeAlarms(settings),
          cursor: store,
        }
      : {}),
    clock: systemClock,
    log: toReconcileLogger(logger),
    telemetry: toReconcileMetrics(metrics),
  };
  return { deps, store };
}

/**
 * Wake alarms only when the tick reads each queue just once a minute: with sub-ticks it reads them every
 * SUB_TICK_SECONDS, sooner than SQS's one-minute CloudWatch metric could raise an alarm, and each alarm costs
 * $0.10 a month.
 */
function wakeAlarms(settings: FunctionEnv): boolean {
  return settings.subTickSeconds <= 0 || settings.subTickSeconds >= SCHEDULE_PERIOD_SECONDS;
}

function busOption(busName: string | undefined) {
  return busName === undefined ? {} : { busName };
}

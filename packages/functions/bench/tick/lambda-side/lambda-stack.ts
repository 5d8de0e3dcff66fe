// The Lambda side: real SDK v3 clients (the emulated AWS behind them), the real adapters, Powertools and the
// reconciler, wired as deps-from-env.ts's wireReconciler wires the tick (which builds its own clients, so the
// bench cannot pass it these).
import {
  type AwsClients,
  createAlarmPort,
  createAwsClients,
  createClusterCapacityPort,
  createDynamoCapacityStore,
  createDynamoStateStore,
  createEcsPort,
  createEventsPort,
  createMetricsPort,
  createQueuePort,
  type DynamoStateStore,
} from "@gantry/aws";
import { createReconciler, type Reconciler } from "@gantry/runtime";
import { createObservability, type Observability } from "../../../src/observability.ts";
import { toReconcileLogger } from "../../../src/powertools-logger.ts";
import { toReconcileMetrics } from "../../../src/powertools-metrics.ts";
import type { AwsSide } from "../aws-side/aws-side.ts";
import { InFlightCalls } from "../backend/in-flight.ts";
import { Latency } from "../backend/latency.ts";
import { installBackend } from "../backend/sdk-backend.ts";
import { REGION, TABLE_NAME } from "../fleet/fleet-plan.ts";
import type { BenchClock } from "./bench-clock.ts";

/** The deployment's stage (GANTRY_STAGE): managed alarms are named `gantry-bench-…`. */
export const BENCH_STAGE = "bench";

export interface LambdaStack {
  clients: AwsClients;
  store: DynamoStateStore;
  reconciler: Reconciler;
  observability: Observability;
  latency: Latency;
  inFlight: InFlightCalls;
}

const JSON_1_0 = "application/x-amz-json-1.0";
const JSON_1_1 = "application/x-amz-json-1.1";

export function createLambdaStack(aws: AwsSide, clock: BenchClock, seed: number): LambdaStack {
  // Static credentials: requests are signed as in Lambda, but nothing resolves credentials over the network.
  const clients = createAwsClients({
    region: REGION,
    credentials: { accessKeyId: "BENCH", secretAccessKey: "bench" },
  });
  const latency = new Latency(seed);
  const inFlight = new InFlightCalls(latency.minMs);
  const backend = { aws, latency, now: () => clock.now(), sleep: clock.sleep, inFlight };
  // The warped clock fires timers while answers are in flight only when they are all SDK calls.
  clock.outside = {
    idle: () => aws.idle(),
    horizon: () => (inFlight.size === aws.pending() ? inFlight.horizon() : undefined),
    hold: (on) => aws.hold(on),
    flush: () => aws.flush(),
  };
  installBackend(clients.ecs, "ecs", JSON_1_1, backend);
  installBackend(clients.cloudWatch, "cloudwatch", JSON_1_0, backend);
  installBackend(clients.sqs, "sqs", JSON_1_0, backend);
  installBackend(clients.eventBridge, "events", JSON_1_1, backend);
  installBackend(clients.autoScaling, "autoscaling", "text/xml", backend);
  installBackend(clients.dynamoDb, "dynamodb", JSON_1_0, backend);
  const store = createDynamoStateStore({ client: clients.dynamoDb, tableName: TABLE_NAME });
  // Powertools as in Lambda (INFO logs, EMF metrics); their output is metered, not printed (log-meter.ts).
  const observability = createObservability();
  const reconciler = createReconciler({
    store,
    ecs: createEcsPort(clients.ecs),
    metrics: createMetricsPort(clients.cloudWatch),
    queues: createQueuePort(clients.sqs),
    events: createEventsPort(clients.eventBridge, { busName: "gantry-bench" }),
    capacity: {
      port: createClusterCapacityPort({ autoScaling: clients.autoScaling, ecs: clients.ecs }),
      store: createDynamoCapacityStore({ client: clients.dynamoDb, tableName: TABLE_NAME }),
    },
    alarms: createAlarmPort(clients.cloudWatch),
    alarmStage: BENCH_STAGE,
    clock,
    log: toReconcileLogger(observability.logger),
    telemetry: toReconcileMetrics(observability.metrics),
  });
  return { clients, store, reconciler, observability, latency, inFlight };
}

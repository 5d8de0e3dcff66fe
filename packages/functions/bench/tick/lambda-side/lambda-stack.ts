// The Lambda side: real SDK v3 clients (the emulated AWS behind them), counted and traced, and the reconciler
// wired by the tick's own reconcilerDeps (deps-from-env.ts): the real adapters, Powertools logs and metrics,
// the alarm port and the pass cursor. Only the clock is the bench's.
import { type AwsClients, createAwsClients, type DynamoStateStore } from "@gantry/aws";
import { createReconciler, type Reconciler } from "@gantry/runtime";
import { countAwsCalls } from "../../../src/aws-call-count.ts";
import { reconcilerDeps } from "../../../src/deps-from-env.ts";
import { createObservability, type Observability } from "../../../src/observability.ts";
import { traceClients } from "../../../src/traced-clients.ts";
import type { AwsSide } from "../aws-side/aws-side.ts";
import { InFlightCalls } from "../backend/in-flight.ts";
import { Latency } from "../backend/latency.ts";
import { installBackend } from "../backend/sdk-backend.ts";
import { REGION, TABLE_NAME } from "../fleet/fleet-plan.ts";
import { SUB_TICK_SECONDS } from "../run/tick-settings.ts";
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
  installBackend(clients.applicationAutoScaling, "application-autoscaling", JSON_1_1, backend);
  // Powertools as in Lambda (INFO logs, EMF metrics); their output is metered, not printed (log-meter.ts).
  const observability = createObservability();
  const traced = traceClients(clients, observability.tracer);
  countAwsCalls(traced, observability.metrics);
  const settings = {
    tableName: TABLE_NAME,
    eventBusName: "gantry-bench",
    subTickSeconds: SUB_TICK_SECONDS,
    region: REGION,
    stage: BENCH_STAGE,
  };
  const { deps, store } = reconcilerDeps(traced, settings, observability, { syncAlarms: true });
  const reconciler = createReconciler({ ...deps, clock });
  return { clients, store, reconciler, observability, latency, inFlight };
}

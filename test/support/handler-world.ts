import {
  ConflictError,
  type EcsPort,
  type EventsPort,
  type MetricsPort,
  type QueuePort,
  type StateStore,
  type TargetConfigInput,
} from "@gantry/core";
import { createAlarmHandler } from "@gantry/functions/alarm";
import { createQuietObservability } from "@gantry/functions/observability";
import { createTickHandler } from "@gantry/functions/tick";
import { alarmTargets, createReconciler, type Reconciler, type ReconcileSummary } from "@gantry/runtime";
import { MemoryStateStore, RecordingEventsPort } from "@gantry/runtime/local-stack";
import {
  aroundMethods,
  createSimPorts,
  type FaultCounts,
  FaultInjector,
  type FaultPlan,
  type ServiceSpec,
  SimAccount,
  withFaults,
  withRetries,
} from "@gantry/sim";
import { lambdaContext } from "@gantry/testing";
import { configOf } from "@gantry/testing/sim-fixture";

export const START = Date.UTC(2026, 0, 5, 12, 0, 0);
/** The SDK's attempts per call in our client factory (adaptive retry). */
const SDK_ATTEMPTS = 5;

export interface WorldOptions {
  faults?: FaultPlan;
  /** Simulated time each AWS call takes, so a pass can run into its deadline. */
  callLatencyMs?: number;
  /** Wraps the CloudWatch port, e.g. to drop or delay datapoints. */
  wrapMetrics?: (port: MetricsPort) => MetricsPort;
}

export interface AppliedUpdate {
  targetId: string;
  desiredCount: number;
  at: number;
}

/** Silent Powertools: the handlers still run their middleware, without flooding the test output. */
const quietObservability = () => createQuietObservability("gantry-test", "SILENT");

export function handlerWorld(specs: readonly ServiceSpec[], options: WorldOptions = {}) {
  const account = new SimAccount({ startMs: START, attributeLagSeconds: 0 });
  const services = specs.map((spec) => account.addService(spec));
  const sim = createSimPorts(account);
  const injector = options.faults ? new FaultInjector(options.faults) : undefined;
  const slow = <T extends object>(port: T): T =>
    options.callLatencyMs ? withLatency(port, account, options.callLatencyMs) : port;
  const faulty = <T extends object>(port: T, name: string): T =>
    slow(injector ? withRetries(withFaults(port, injector, name), SDK_ATTEMPTS) : port);
  const applied: AppliedUpdate[] = [];
  const ecs: EcsPort = {
    describeServices: (ids) => sim.ecs.describeServices(ids),
    setDesiredCount: async (id, count) => {
      await sim.ecs.setDesiredCount(id, count);
      applied.push({ targetId: id, desiredCount: count, at: account.now() });
    },
  };
  const memoryStore = new MemoryStateStore(sim.clock);
  const conflicts = { count: 0 };
  const recordedEvents = new RecordingEventsPort();
  let ids = 0;
  const deps = {
    store: faulty(countConflicts(memoryStore, conflicts), "dynamodb"),
    ecs: faulty(ecs, "ecs"),
    metrics: faulty(options.wrapMetrics ? options.wrapMetrics(sim.metrics) : sim.metrics, "cloudwatch"),
    queues: faulty(sim.queue as QueuePort, "sqs"),
    events: faulty(recordedEvents as EventsPort, "events"),
    clock: sim.clock,
    randomId: () => `r${ids++}`,
  };
  const inner = createReconciler(deps);
  const summaries: ReconcileSummary[] = [];
  const reconciler: Reconciler = {
    reconcile: async (options) => {
      const summary = await inner.reconcile(options);
      summaries.push(summary);
      return summary;
    },
  };
  const tick = createTickHandler({
    ...quietObservability(),
    reconciler,
    clock: sim.clock,
    sleep: async (ms) => account.advance(ms),
    subTickSeconds: 15,
  });
  // One pass per invocation: for concurrent invocations, whose sleeps would each advance the shared clock.
  const tickOnce = createTickHandler({
    ...quietObservability(),
    reconciler,
    clock: sim.clock,
    sleep: async () => undefined,
    subTickSeconds: 0,
  });
  const alarm = createAlarmHandler({
    ...quietObservability(),
    reconciler,
    clock: sim.clock,
    alarmTargets: async () => alarmTargets((await memoryStore.listTargets()).records.map((r) => r.config)),
  });
  return {
    account,
    services,
    summaries,
    /** Conditional state writes that lost to another invocation. */
    conflicts: () => conflicts.count,
    store: memoryStore,
    events: recordedEvents,
    applied,
    reconciler,
    faults: (): FaultCounts => injector?.counts ?? { calls: 0, throttled: 0, errors: 0 },
    async register(config: TargetConfigInput) {
      await memoryStore.putConfig(configOf(config), 0);
    },
    /** One scheduled invocation with `remainingMs` of Lambda time. */
    tick: (remainingMs = 63_000) => tick({}, lambdaContext({ remainingMs, now: () => account.now() })),
    tickOnce: (remainingMs = 63_000) =>
      tickOnce({}, lambdaContext({ remainingMs, now: () => account.now() })),
    alarm: (event: unknown, remainingMs = 20_000) =>
      alarm(event, lambdaContext({ remainingMs, now: () => account.now() })),
  };
}

/** A CloudWatch Alarm State Change event, as EventBridge delivers it. */
export function alarmEvent(id: string, alarmName: string, state = "ALARM", time = START) {
  return {
    version: "0",
    id,
    "detail-type": "CloudWatch Alarm State Change",
    source: "aws.cloudwatch",
    account: "123456789012",
    time: new Date(time).toISOString(),
    region: "us-east-1",
    resources: [`arn:aws:cloudwatch:us-east-1:123456789012:alarm:${alarmName}`],
    detail: {
      alarmName,
      state: { value: state, reason: "Threshold Crossed", timestamp: new Date(time).toISOString() },
      previousState: { value: state === "ALARM" ? "OK" : "ALARM", timestamp: new Date(time).toISOString() },
      configuration: { metrics: [] },
    },
  };
}

/** Each call first lets `ms` of simulated time pass, as a network round trip would. */
function withLatency<T extends object>(port: T, account: SimAccount, ms: number): T {
  return aroundMethods(port, (_method, _args, call) => {
    account.advance(ms);
    return call();
  });
}

/** Counts the conditional writes that lose (ConflictError), passing every result through. */
function countConflicts(store: StateStore, conflicts: { count: number }): StateStore {
  return aroundMethods(store, async (_method, _args, call) => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ConflictError) conflicts.count++;
      throw error;
    }
  });
}

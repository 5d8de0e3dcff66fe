// The fault suite's world: the real tick, alarm and API handlers and the real AWS adapters (ECS, CloudWatch, SQS)
// on the simulated account, reached through a SimWire, plus the in-memory store, events and, when asked, an EC2
// group for the capacity stage. Every call may be failed before or after its effect, or left unanswered, by the
// scenario's hook; the account records every desired count it applied, with the invocation that asked.
import type { MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { createEcsPort, createMetricsPort, createQueuePort } from "@gantry/aws";
import type {
  CapacityConfigInput,
  EventsPort,
  StateStore,
  TargetConfig,
  TargetConfigInput,
} from "@gantry/core";
import { formatServiceId, parseServiceId, parseWith, TargetConfigSchema } from "@gantry/core";
import { createAlarmHandler } from "@gantry/functions/alarm";
import { createQuietObservability } from "@gantry/functions/observability";
import { createTickHandler } from "@gantry/functions/tick";
import {
  alarmTargets,
  createReconciler,
  type Reconciler,
  type ReconcileSummary,
  type TargetOutcome,
} from "@gantry/runtime";
import {
  MemoryCapacityStore,
  MemoryStateStore,
  type RecordingAlarmPort,
  RecordingEventsPort,
} from "@gantry/runtime/local-stack";
import {
  createPrng,
  createSimClusterCapacityPort,
  DesiredHistory,
  Ec2Cluster,
  type FaultAction,
  type HookedCall,
  type InstanceShape,
  placementByService,
  type ServiceSpec,
  SimAccount,
  withFaultHooks,
  withRetries,
} from "@gantry/sim";
import { lambdaContext } from "@gantry/testing";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { type Caller, type Invocation, InvocationRunner } from "./fault-context.ts";
import { simCloudWatchClient, simEcsClient, simSqsClient } from "./sim-aws-clients.ts";
import { SimWire, type WireCall } from "./sim-wire.ts";

export const START = Date.UTC(2026, 0, 5, 12, 0, 0);
export const MINUTE = 60_000;
/** The SDK's attempts per call in Gantry's client factory. */
const SDK_ATTEMPTS = 5;

/** One call a scenario may fail: an SDK attempt on the wire, or a call of the store, events or group port. */
export interface FaultCall {
  /** `ecs`, `cloudwatch`, `sqs` (wire) or `dynamodb`, `capacity-store`, `events`, `autoscaling` (ports). */
  service: string;
  /** SDK operation (`UpdateService`) or port method (`putState`). */
  operation: string;
  /** The SDK input, or the port call's arguments. */
  input: unknown;
  /** SDK attempt (wire calls); 1 for port calls, whose retries the hook does not see apart. */
  attempt: number;
  invocation: Invocation;
  /** Virtual time of the call. */
  now: number;
}

/** A fault, and which targets it is about (default: those the call names; a shared call names them all). */
export type ScenarioFault = FaultAction & { subjects?: readonly string[] | "all" };

export type FaultHookFn = (call: FaultCall) => ScenarioFault | undefined;

export interface InjectedFault {
  /** e.g. `ecs.UpdateService fail-after ServerException`. */
  label: string;
  at: number;
  invocation: string;
  passStart?: number;
  subjects: readonly string[] | "all";
}

export interface PassRecord {
  invocation: Invocation;
  start: number;
  end: number;
  summary: ReconcileSummary;
}

export interface ConfigWrite {
  targetId: string;
  conditional: boolean;
  status: number;
  /** The config version the answer's ETag names (2xx). */
  version?: number;
  config: TargetConfig;
  sentAt: number;
  answeredAt: number;
  /** Read back at once (below the faults): the store held this version or a later one. */
  visibleAfter: boolean;
}

/** A config the store actually holds from `at` on (its own history, below the faults). */
export interface StoredConfig {
  targetId: string;
  config: TargetConfig;
  at: number;
}

export interface CapacityWorld {
  groupName: string;
  cluster: string;
  /** Services placed on the group's instances (names within `cluster`). */
  services: readonly string[];
  instance: InstanceShape;
  task: InstanceShape;
  initialInstances: number;
  launchSeconds?: number;
  minSize?: number;
  maxSize?: number;
}

export interface FaultWorldOptions {
  services: readonly ServiceSpec[];
  hook?: FaultHookFn;
  /** Simulated time each SDK attempt or port call takes. */
  latencyMs?: number;
  /** Per-query CloudWatch answers other than Complete. */
  metricStatus?: (query: MetricDataQuery) => "Forbidden" | "InternalError" | undefined;
  /** Targets the scenario itself breaks for the whole run (a missing cluster, a forbidden query…). */
  faultyTargets?: readonly string[];
  capacity?: CapacityWorld;
  /** Managed alarms: full passes sync them (CloudWatch, as a recording port). */
  alarms?: RecordingAlarmPort;
  /** Seeds extra yields (0–3) before each call, so concurrent invocations interleave differently per seed. */
  jitterSeed?: number;
}

const quiet = () => createQuietObservability("gantry-faults", "SILENT");

export function faultWorld(options: FaultWorldOptions) {
  const runner: InvocationRunner = new InvocationRunner(() => account.now());
  const history: DesiredHistory<Caller> = new DesiredHistory<Caller>(() => runner.caller());
  const cluster = options.capacity && capacityCluster(options.capacity);
  const account: SimAccount = new SimAccount({
    startMs: START,
    attributeLagSeconds: 0,
    history: history as DesiredHistory<unknown>,
    ...(cluster && { placement: placementByService(cluster.placement) }),
  });
  const services = options.services.map((spec) => account.addService(spec));
  const faults: InjectedFault[] = [];
  /** Failures that reached an adapter or the runtime (after the SDK's retries), and every hang. */
  const surfaced: InjectedFault[] = [];
  const subjectsOfError = new WeakMap<object, readonly string[] | "all">();
  const attempts = { count: 0 };
  let injecting = true;
  const entry = (call: FaultCall, label: string, subjects: readonly string[] | "all"): InjectedFault => {
    const passStart = runner.current()?.passStart;
    const base = { label, at: call.now, invocation: call.invocation.id, subjects };
    return passStart === undefined ? base : { ...base, passStart };
  };
  /** Every hooked call: nothing runs in a stopped invocation; otherwise the scenario decides. */
  const decide = (call: Omit<FaultCall, "invocation" | "now">): FaultAction | undefined => {
    attempts.count++;
    const invocation = runner.current()?.invocation;
    if (!invocation) return undefined;
    const full: FaultCall = { ...call, invocation, now: account.now() };
    if (invocation.status === "stopped") {
      surfaced.push(entry(full, "cut by a hard stop", subjectsOf(full, account)));
      return { kind: "hang-before" };
    }
    const fault = injecting ? options.hook?.(full) : undefined;
    if (!fault) return undefined;
    const { subjects: chosen, ...action } = fault;
    const subjects = chosen ?? subjectsOf(full, account);
    faults.push(entry(full, labelOf(full, action), subjects));
    if ("error" in action) subjectsOfError.set(action.error, subjects);
    else surfaced.push(entry(full, labelOf(full, action), subjects));
    return action;
  };
  /** A call failed for good: its targets are faulted (as the injected fault named them, else as the call does). */
  const failed = (call: Omit<FaultCall, "invocation" | "now">, error: unknown) => {
    const invocation = runner.current()?.invocation;
    if (!invocation) return;
    const full: FaultCall = { ...call, invocation, now: account.now() };
    const chosen = typeof error === "object" && error !== null ? subjectsOfError.get(error) : undefined;
    const name = error instanceof Error ? error.name : "error";
    surfaced.push(
      entry(full, `${call.service}.${call.operation} failed: ${name}`, chosen ?? subjectsOf(full, account)),
    );
  };
  /** A fault of the account itself (a missing cluster, a query CloudWatch will not answer): counted in the mix. */
  const refused = (label: string) => {
    const invocation = runner.current()?.invocation;
    if (invocation) faults.push({ label, at: account.now(), invocation: invocation.id, subjects: [] });
  };
  const metricStatus = options.metricStatus;
  const statusOf =
    metricStatus &&
    ((query: MetricDataQuery) => {
      const status = metricStatus(query);
      if (status) refused(`cloudwatch.GetMetricData query answered ${status}`);
      return status;
    });
  const onHang = () => runner.stopCurrent();
  const random = options.jitterSeed === undefined ? undefined : createPrng(options.jitterSeed);
  const jitter = async () => {
    for (let i = Math.floor((random?.() ?? 0) * 4); i > 0; i--) await new Promise((r) => setImmediate(r));
  };
  const wire = new SimWire({
    account,
    latencyMs: options.latencyMs ?? 0,
    maxAttempts: SDK_ATTEMPTS,
    hook: (call: WireCall) => decide(call),
    jitter,
    onFailure: (call, error) => failed(call, error),
    onRefusal: (call, error) =>
      refused(`${call.service}.${call.operation} answered ${errorLabel(error as Error)}`),
    onHang,
  });
  const portHook = (call: HookedCall) =>
    decide({ service: call.port, operation: call.method, input: call.args, attempt: 1 });
  const hooked = <T extends object>(port: T, name: string): T => {
    const retried = withRetries(withFaultHooks(port, name, portHook, { onHang }), SDK_ATTEMPTS);
    const watched = onFailure(retried, (method, args, error) =>
      failed({ service: name, operation: method, input: args, attempt: 1 }, error),
    );
    return withLatency(watched, account, options, jitter);
  };

  const memory = new MemoryStateStore({ now: () => account.now() });
  const storedConfigs: StoredConfig[] = [];
  const store = hooked(
    recordConfigs(memory, storedConfigs, () => account.now()),
    "dynamodb",
  );
  const events = new RecordingEventsPort();
  const ecs = createEcsPort(simEcsClient(account, wire), { retryDelaysMs: [0] });
  const ports = {
    store,
    ecs,
    metrics: createMetricsPort(simCloudWatchClient(account, wire, statusOf ? { statusOf } : {})),
    queues: createQueuePort(simSqsClient(account, wire)),
    events: hooked(events as EventsPort, "events"),
    clock: { now: () => account.now() },
    randomId: idSequence(),
  };
  const capacityStore = new MemoryCapacityStore();
  const capacity = cluster && {
    port: hooked(
      createSimClusterCapacityPort({
        cluster: cluster.ec2,
        clock: ports.clock,
        groupName: cluster.options.groupName,
        clusterName: cluster.options.cluster,
        minSize: cluster.options.minSize ?? 0,
        maxSize: cluster.options.maxSize ?? 20,
        history: history as DesiredHistory<unknown>,
      }),
      "autoscaling",
    ),
    store: hooked(capacityStore, "capacity-store"),
  };
  const passes: PassRecord[] = [];
  const alarms = options.alarms && hooked(options.alarms, "cloudwatch-alarms");
  const inner = createReconciler({ ...ports, ...(capacity && { capacity }), ...(alarms && { alarms }) });
  const reconciler: Reconciler = {
    reconcile: (reconcileOptions) =>
      runner.pass(async () => {
        const start = account.now();
        const summary = await inner.reconcile(reconcileOptions);
        const invocation = runner.current()?.invocation as Invocation;
        passes.push({ invocation, start, end: account.now(), summary });
        return summary;
      }),
  };
  const clock = ports.clock;
  const tickHandler = createTickHandler({
    ...quiet(),
    reconciler,
    clock,
    sleep: async (ms) => account.advance(ms),
    subTickSeconds: 15,
  });
  const onePassHandler = createTickHandler({
    ...quiet(),
    reconciler,
    clock,
    sleep: async () => undefined,
    subTickSeconds: 0,
  });
  const alarmHandler = createAlarmHandler({
    ...quiet(),
    reconciler,
    clock,
    alarmTargets: async () => alarmTargets(await readRecords(store)),
  });
  // Loaded on the first config write: only the scenarios that edit configs need the API.
  let apiHandler: ((event: unknown, context: unknown) => Promise<unknown>) | undefined;
  const api = async () => {
    if (apiHandler) return apiHandler;
    const { createApiHandler } = await import("@gantry/functions/api");
    const handler = createApiHandler({ ...quiet(), store, ecs, clock, randomId: idSequence() });
    apiHandler = handler as unknown as (event: unknown, context: unknown) => Promise<unknown>;
    return apiHandler;
  };
  const context = (remainingMs: number) => lambdaContext({ remainingMs, now: clock.now });
  const configWrites: ConfigWrite[] = [];
  /** One API request, as its own invocation; status 0 when the invocation did not answer. */
  const request = async (
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; headers: Record<string, string>; body: unknown }> => {
    const { apiEvent } = await import("../api/support/api-world.ts");
    const handler = await api();
    const event = apiEvent({ method, path, body: options.body, headers: options.headers ?? {} });
    const invocation = await runner.invoke(
      "api",
      async () => (await handler(event, context(30_000))) as APIGatewayProxyStructuredResultV2,
    );
    const raw = invocation.result;
    const body = typeof raw?.body === "string" && raw.body !== "" ? JSON.parse(raw.body) : undefined;
    return { status: raw?.statusCode ?? 0, headers: (raw?.headers ?? {}) as Record<string, string>, body };
  };

  return {
    account,
    services,
    history,
    runner,
    faults,
    surfaced,
    passes,
    configWrites,
    storedConfigs,
    memory,
    events,
    capacityCluster: cluster?.ec2,
    capacityOptions: options.capacity,
    faultyTargets: new Set(options.faultyTargets ?? []),
    attempts: () => attempts.count,
    /** From now on no call is failed (hard-stopped invocations stay stopped). */
    faultsOff() {
      injecting = false;
    },
    /** Stores a config directly (setup, no faults). */
    async register(input: TargetConfigInput) {
      const config = parseWith(TargetConfigSchema, input);
      await memory.putConfig(config, 0);
      storedConfigs.push({ targetId: config.target.id, config, at: account.now() });
    },
    /** One scheduled invocation: sub-ticks every 15 s, or a single pass (`onePass`, for concurrent ticks). */
    tick(remainingMs = 63_000, { onePass = false } = {}) {
      const handler = onePass ? onePassHandler : tickHandler;
      return runner.invoke("tick", () => handler({ id: `tick-${account.now()}` }, context(remainingMs)), {
        shortDeadline: remainingMs < 20_000,
      });
    },
    alarm(event: { id: string }, remainingMs = 20_000) {
      return runner.invoke("alarm", () => alarmHandler(event, context(remainingMs)), { eventId: event.id });
    },
    request,
    /** PUT /targets/{cluster}/{service}, with If-Match when `ifMatch` is given; logged for the invariants. */
    async putConfig(input: TargetConfigInput, ifMatch?: number) {
      const config = parseWith(TargetConfigSchema, input);
      const sentAt = account.now();
      const headers: Record<string, string> = ifMatch === undefined ? {} : { "if-match": `"${ifMatch}"` };
      const { cluster, service } = parseServiceId(config.target.id);
      const reply = await request("PUT", `/targets/${cluster}/${service}`, {
        body: config,
        headers,
      });
      const stored = await memory.getTarget(config.target.id).catch(() => undefined);
      const etag = reply.headers.etag;
      const version = etag === undefined ? undefined : Number(etag.replaceAll('"', ""));
      const write: ConfigWrite = {
        targetId: config.target.id,
        conditional: ifMatch !== undefined,
        status: reply.status,
        ...(version !== undefined && { version }),
        config,
        sentAt,
        answeredAt: account.now(),
        visibleAfter: version === undefined || (stored?.version ?? 0) >= version,
      };
      configWrites.push(write);
      return write;
    },
    /** The target as stored now, read below the faults. */
    read: (targetId: string) => memory.getTarget(targetId),
    outcomesOf(targetId: string): TargetOutcome[] {
      return passes.flatMap((p) => p.summary.outcomes.filter((o) => o.targetId === targetId));
    },
  };
}

export type FaultWorld = ReturnType<typeof faultWorld>;

function capacityCluster(options: CapacityWorld) {
  const ids = options.services.map((service) => formatServiceId({ cluster: options.cluster, service }));
  const ec2 = new Ec2Cluster({
    instanceShape: options.instance,
    taskSizes: Object.fromEntries(ids.map((id) => [id, options.task])),
    launchSeconds: options.launchSeconds ?? 60,
    startMs: START,
    initialInstances: options.initialInstances,
    terminateDrainedWhenEmpty: false,
  });
  return { ec2, options, placement: Object.fromEntries(ids.map((id) => [id, ec2])) };
}

/** The targets a call is about: the service or target it names; a shared call is about them all. */
function subjectsOf(call: FaultCall, account: SimAccount): readonly string[] | "all" {
  const input = call.input as Record<string, unknown> & unknown[];
  switch (`${call.service}.${call.operation}`) {
    case "ecs.DescribeServices":
      return ((input.services as string[]) ?? []).map((service) =>
        formatServiceId({ cluster: String(input.cluster), service }),
      );
    case "ecs.UpdateService":
      return [formatServiceId({ cluster: String(input.cluster), service: String(input.service) })];
    case "sqs.GetQueueAttributes": {
      const service = account.findQueue(String(input.QueueUrl));
      return service ? [service.id] : [];
    }
    case "dynamodb.getTarget":
    case "dynamodb.putState":
    case "dynamodb.listActivities":
    case "dynamodb.getRawTarget":
      return [String(input[0])];
    case "dynamodb.putActivity":
      return [(input[0] as { targetId: string }).targetId];
    case "dynamodb.putConfig":
      return [(input[0] as TargetConfig).target.id];
    case "events.publishActivities":
    case "autoscaling.describeCluster":
      return [];
    default:
      // Stage 2's calls come after stage 1's outcomes; any other shared call concerns everyone.
      return call.service === "autoscaling" || call.service === "capacity-store" ? [] : "all";
  }
}

function labelOf(call: FaultCall, action: FaultAction): string {
  return `${call.service}.${call.operation} ${action.kind}${"error" in action ? ` ${errorLabel(action.error)}` : ""}`;
}

/** `ServerException 500`, `DynamoDbFailed 503`, `TimeoutError`: the error's name or code, and its HTTP status. */
function errorLabel(error: Error): string {
  const code = (error as { code?: unknown }).code;
  const sdk = (error.cause ?? error) as { $metadata?: { httpStatusCode?: number } };
  const status = sdk.$metadata?.httpStatusCode;
  return `${typeof code === "string" ? code : error.name}${status === undefined ? "" : ` ${status}`}`;
}

/** Records the configs the store accepted, with the time they landed (the store's own history). */
function recordConfigs(store: MemoryStateStore, log: StoredConfig[], now: () => number): StateStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      if (key !== "putConfig") return value.bind(target);
      return async (config: TargetConfig, expected: number | undefined) => {
        const version = await target.putConfig(config, expected);
        log.push({ targetId: config.target.id, config: structuredClone(config), at: now() });
        return version;
      };
    },
  }) as unknown as StateStore;
}

/** Tells `report` of every call that throws (a port's final failure, after its retries). */
function onFailure<T extends object>(
  port: T,
  report: (method: string, args: unknown[], error: unknown) => void,
): T {
  return new Proxy(port, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (error) {
          report(String(key), args, error);
          throw error;
        }
      };
    },
  });
}

/** Each call first lets the latency pass, as a network round trip would, and lets other invocations run. */
function withLatency<T extends object>(
  port: T,
  account: SimAccount,
  options: FaultWorldOptions,
  jitter: () => Promise<void>,
): T {
  const ms = options.latencyMs ?? 0;
  return new Proxy(port, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        await new Promise((resolve) => setImmediate(resolve));
        await jitter();
        if (ms > 0) account.advance(ms);
        return value.apply(target, args);
      };
    },
  });
}

function idSequence() {
  let n = 0;
  return () => `r${(n++).toString(36).padStart(4, "0")}`;
}

/** The readable targets' configs (corrupt items are left out as problems). */
export async function readRecords(store: Pick<StateStore, "listTargets">): Promise<TargetConfig[]> {
  return (await store.listTargets()).records.map((r) => r.config);
}

/** A capacity block for targets on the world's group. */
export function capacityBlock(world: CapacityWorld, maxInstances: number): CapacityConfigInput {
  return {
    mode: "asg",
    name: world.groupName,
    maxInstances,
    instanceWarmupSeconds: world.launchSeconds ?? 60,
  };
}

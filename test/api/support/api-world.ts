import type {
  EcsPort,
  GantryError,
  MetricsPort,
  PolicyInput,
  ServiceSnapshot,
  TargetConfigInput,
} from "@gantry/core";
import type { SeriesPoint, SeriesRange, SeriesSource } from "@gantry/functions/api";
import { createApiHandler } from "@gantry/functions/api";
import { createBacktestHandler } from "@gantry/functions/backtest";
import { createQuietObservability } from "@gantry/functions/observability";
import { CallLog, MemoryJobStore, MemorySeriesStore, MemoryStateStore } from "@gantry/runtime/local-stack";
import { createCapacitySeriesSource } from "@gantry/runtime/operator";
import { lambdaContext, VirtualClock } from "@gantry/testing";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";

export const START = Date.UTC(2026, 0, 5, 12, 0, 0);
export const QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs";

/** ECS services in memory: records calls, applies setDesiredCount, can be told to fail next or fail ids. */
export class RecordingEcsPort implements EcsPort {
  readonly fake = new CallLog<keyof EcsPort>();
  readonly services = new Map<string, ServiceSnapshot>();
  /** Ids describeServices reports as failed (as the adapter does for a missing cluster), with their error. */
  readonly failures = new Map<string, GantryError>();

  get calls() {
    return this.fake.calls;
  }

  addService(id: string, desiredCount: number, runningCount = desiredCount, pendingCount = 0): void {
    this.services.set(id, { id, desiredCount, runningCount, pendingCount, deploymentInProgress: false });
  }

  failNext(method: keyof EcsPort, error: Error): void {
    this.fake.failNext(method, error);
  }

  async describeServices(ids: readonly string[]) {
    this.fake.enter("describeServices", ids);
    const asked = ids.filter((id) => !this.failures.has(id));
    const services = asked.flatMap((id) => {
      const service = this.services.get(id);
      return service ? [structuredClone(service)] : [];
    });
    const failed = ids.flatMap((id) => {
      const error = this.failures.get(id);
      return error ? [{ id, error }] : [];
    });
    return { services, missing: asked.filter((id) => !this.services.has(id)), failed };
  }

  async setDesiredCount(id: string, desiredCount: number): Promise<void> {
    this.fake.enter("setDesiredCount", id, desiredCount);
    const service = this.services.get(id);
    if (service) service.desiredCount = desiredCount;
  }
}

/** A series source that records its calls and answers with `points`. */
export function fakeSeriesSource(points: SeriesPoint[] = []) {
  const calls: { targetId: string; range: SeriesRange }[] = [];
  const source: SeriesSource = async (targetId, range) => {
    calls.push({ targetId, range });
    return points;
  };
  return { source, calls };
}

export interface Call {
  method: string;
  path: string;
  query?: string;
  body?: unknown;
  /** A body sent as is (not JSON-encoded). */
  rawBody?: string;
  base64?: boolean;
  /** `rawBody` is sent undecoded with isBase64Encoded, whatever it decodes to. */
  rawIsBase64?: boolean;
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON; undefined for no content. */
  // biome-ignore lint/suspicious/noExplicitAny: a reply's JSON, whose shape each test asserts
  body: any;
  raw: APIGatewayProxyStructuredResultV2;
}

export function apiEvent(call: Call): APIGatewayProxyEventV2 {
  const text = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  const hasJson = call.body !== undefined && call.rawBody === undefined;
  const body = text !== undefined && call.base64 ? Buffer.from(text, "utf8").toString("base64") : text;
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: call.path,
    rawQueryString: call.query ?? "",
    headers: { ...(hasJson ? { "content-type": "application/json" } : {}), ...call.headers },
    requestContext: {
      accountId: "123456789012",
      apiId: "api",
      domainName: "api.example.com",
      domainPrefix: "api",
      http: {
        method: call.method,
        path: call.path,
        protocol: "HTTP/1.1",
        sourceIp: "127.0.0.1",
        userAgent: "test",
      },
      requestId: "req-1",
      routeKey: "$default",
      stage: "$default",
      time: "05/Jan/2026:12:00:00 +0000",
      timeEpoch: START,
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: call.base64 === true || call.rawIsBase64 === true,
  };
}

export function apiWorld(
  options: {
    ecs?: boolean;
    series?: SeriesPoint[];
    metricData?: MetricsPort;
    logLevel?: "SILENT" | "WARN";
  } = {},
) {
  const clock = new VirtualClock(START);
  const store = new MemoryStateStore(clock);
  const ecs = new RecordingEcsPort();
  const series = fakeSeriesSource(options.series);
  const samples = new MemorySeriesStore();
  const quiet = createQuietObservability("gantry-test", options.logLevel ?? "SILENT");
  const logger = quiet.logger;
  let n = 0;
  const jobs = new MemoryJobStore();
  const backtests = backtestRunner(jobs, clock, quiet);
  const handler = createApiHandler({
    jobs,
    startBacktest: backtests.start,
    store,
    ...(options.ecs === false ? {} : { ecs }),
    series: series.source,
    capacitySeries: createCapacitySeriesSource(samples),
    ...(options.metricData && { metricData: options.metricData }),
    clock,
    randomId: () => `r${n++}`,
    ...quiet,
  });
  const context = lambdaContext({ remainingMs: 30_000, now: () => clock.now() });
  async function call(request: Call): Promise<Reply> {
    const raw = (await handler(apiEvent(request), context)) as APIGatewayProxyStructuredResultV2;
    const body = raw.body === undefined ? undefined : JSON.parse(raw.body);
    return { status: raw.statusCode ?? 0, headers: (raw.headers ?? {}) as Record<string, string>, body, raw };
  }
  /** Seed a target directly through the store. */
  async function seed(config: TargetConfigInput): Promise<void> {
    await store.putConfig(config as never, 0);
  }
  /** GET the job at `location` until it is Succeeded or Failed (the backtests run after each 202). */
  async function poll(location: string): Promise<Reply> {
    for (;;) {
      const reply = await call({ method: "GET", path: location });
      if (reply.status !== 200 || ["Succeeded", "Failed"].includes(reply.body.status)) return reply;
      await backtests.settled();
    }
  }
  return { clock, store, ecs, series, samples, logger, handler, context, call, seed, jobs, backtests, poll };
}

export type ApiWorld = ReturnType<typeof apiWorld>;

/** As Lambda's InvocationType Event: each started job runs in the backtest handler after the API answered. */
function backtestRunner(
  jobs: MemoryJobStore,
  clock: VirtualClock,
  quiet: ReturnType<typeof createQuietObservability>,
) {
  const handler = createBacktestHandler({ jobs, clock, ...quiet });
  const context = lambdaContext({ remainingMs: 900_000, now: () => clock.now() });
  const started: string[] = [];
  let runs: Promise<unknown>[] = [];
  let failure: Error | undefined;
  return {
    started,
    /** The next start fails with `error`, as a refused Lambda Invoke would. */
    failNext(error: Error): void {
      failure = error;
    },
    async start(jobId: string): Promise<void> {
      const error = failure;
      failure = undefined;
      if (error) throw error;
      started.push(jobId);
      runs.push(new Promise((resolve) => setImmediate(resolve)).then(() => handler({ jobId }, context)));
    },
    /** Waits for every started job's run. */
    async settled(): Promise<void> {
      const pending = runs;
      runs = [];
      await Promise.all(pending);
    },
  };
}

export function workerConfig(cluster = "prod", service = "worker"): TargetConfigInput {
  return {
    target: { id: `service/${cluster}/${service}`, minCapacity: 1, maxCapacity: 20 },
    policies: [
      {
        name: "backlog",
        type: "TargetTracking",
        targetValue: 100,
        metric: { sqs: { queueUrl: QUEUE_URL } },
      },
    ],
    scheduledActions: [{ name: "night", schedule: "cron(0 22 * * ? *)", minCapacity: 1, maxCapacity: 5 }],
  };
}

export const CPU_POLICY: PolicyInput = {
  name: "cpu",
  type: "TargetTracking",
  targetValue: 60,
  metric: { predefined: "ECSServiceAverageCPUUtilization" },
};

export const STEP_POLICY: PolicyInput = {
  name: "steps",
  type: "StepScaling",
  metric: { cloudwatch: { namespace: "App", metricName: "Lag", statistic: "Average" } },
  alarm: { threshold: 50, comparisonOperator: "GreaterThanOrEqualToThreshold" },
  adjustmentType: "ChangeInCapacity",
  stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 2 }],
};

export const MORNING_ACTION = {
  name: "morning",
  schedule: "cron(0 7 ? * MON-FRI *)",
  timezone: "Europe/Paris",
  minCapacity: 4,
} as const;

/** The store's targets as JSON, for "nothing changed" comparisons. */
export async function snapshot(world: ApiWorld): Promise<string> {
  return JSON.stringify(await world.store.listTargets());
}

export function expectErrorShape(reply: Reply): { code: string; message: string; field: string | null } {
  const error = reply.body?.error;
  if (!error || Object.keys(reply.body).length !== 1) throw new Error(`not an error body: ${reply.raw.body}`);
  const keys = Object.keys(error).sort().join(",");
  if (keys !== "code,field,message") throw new Error(`error keys ${keys}`);
  if (typeof error.code !== "string" || typeof error.message !== "string")
    throw new Error("code/message types");
  if (error.field !== null && typeof error.field !== "string") throw new Error("field type");
  return error;
}

import {
  type Datapoint,
  type EcsPort,
  type MetricQuery,
  type MetricsPort,
  mapBounded,
  NotFoundError,
  type Observation,
  type QueueDepth,
  type QueuePort,
  type ServiceSnapshot,
  ValidationError,
} from "@gantry/core";
import { asError, errorInfo } from "./error-info.ts";
import type { ObservationPlan, PlannedTarget } from "./observation-plan.ts";

export interface ObservePorts {
  ecs: EcsPort;
  metrics: MetricsPort;
  queues: QueuePort;
}

/**
 * One target's view of the pass, or why it has none. `warnings` name the data that could not be read: absent
 * data the core treats as missing (no scale-in, no scaling on insufficient data), never as zero.
 */
export type TargetObservation =
  | { ok: true; observation: Observation; warnings: string[] }
  | { ok: false; error: Error };

/**
 * Concurrent GetQueueAttributes calls by default. SQS publishes no rate limit for it; 48 in flight read 5,000
 * queues in about 3 s at 30 ms a call, and stay under the SDK's 50 sockets per client.
 */
export const DEFAULT_QUEUE_CONCURRENCY = 48;
/** A rejected query drops its target and the rest are asked again, a few times at most. */
const MAX_METRIC_ATTEMPTS = 3;

/** What ECS said per id; an Error when the whole call failed (a port may still throw for everyone). */
type Services =
  | { found: Map<string, ServiceSnapshot>; missing: Set<string>; failed: Map<string, Error> }
  | Error;
type Metrics = { series: Record<string, Datapoint[]>; failures: Map<string, string> };

/**
 * Runs a plan: one describeServices, one getMetricData and the queue reads (bounded), all at once. A failure
 * affects only the targets that need what failed: a service or cluster ECS could not describe fails its own
 * target, a query CloudWatch rejected or could not answer and a queue that could not be read leave only their
 * owners' data missing.
 */
export async function observe(
  plan: ObservationPlan,
  ports: ObservePorts,
  { queueConcurrency = DEFAULT_QUEUE_CONCURRENCY }: { queueConcurrency?: number } = {},
): Promise<Map<string, TargetObservation>> {
  const [services, metrics, depths] = await Promise.all([
    describe(ports.ecs, plan.serviceIds),
    fetchMetrics(ports.metrics, plan),
    readQueues(ports.queues, plan.queueUrls, queueConcurrency),
  ]);
  const result = new Map<string, TargetObservation>();
  for (const [targetId, error] of plan.errors) result.set(targetId, { ok: false, error });
  for (const [targetId, planned] of plan.targets) {
    result.set(targetId, assemble(targetId, planned, plan, services, metrics, depths));
  }
  return result;
}

/** A plan's CloudWatch part alone: each planned target's datapoints per policy, and what could not be read. */
export async function observeMetrics(
  plan: ObservationPlan,
  port: MetricsPort,
): Promise<Map<string, { metrics: Record<string, Datapoint[]>; warnings: string[] }>> {
  const metrics = await fetchMetrics(port, plan);
  const result = new Map<string, { metrics: Record<string, Datapoint[]>; warnings: string[] }>();
  for (const [targetId, planned] of plan.targets) {
    const failure = metrics.failures.get(targetId);
    const series = targetMetrics(planned.outputIds, plan, metrics.series);
    result.set(targetId, { metrics: series, warnings: failure ? [failure] : [] });
  }
  return result;
}

async function describe(ecs: EcsPort, ids: readonly string[]): Promise<Services> {
  if (ids.length === 0) return { found: new Map(), missing: new Set(), failed: new Map() };
  try {
    const { services, missing, failed } = await ecs.describeServices(ids);
    return {
      found: new Map(services.map((s) => [s.id, s])),
      missing: new Set(missing),
      failed: new Map(failed.map((f) => [f.id, f.error])),
    };
  } catch (error) {
    return asError(error);
  }
}

async function fetchMetrics(port: MetricsPort, plan: ObservationPlan): Promise<Metrics> {
  const failures = new Map<string, string>();
  const range = plan.range;
  let queries = plan.queries;
  for (let attempt = 1; range !== undefined && queries.length > 0; attempt++) {
    try {
      const series = await port.getMetricData(queries, range);
      for (const query of unanswered(queries, series))
        failures.set(ownerOf(query, plan), unansweredWarning(query));
      return { series, failures };
    } catch (error) {
      const { code, message } = errorInfo(error);
      const warning = `CloudWatch metrics unavailable: ${code}: ${message}`;
      const rejected = attempt < MAX_METRIC_ATTEMPTS ? rejectedTarget(error, plan) : undefined;
      const failing = rejected === undefined ? queries : queries.filter((q) => ownerOf(q, plan) === rejected);
      for (const query of failing) failures.set(ownerOf(query, plan), warning);
      queries = rejected === undefined ? [] : queries.filter((q) => ownerOf(q, plan) !== rejected);
    }
  }
  return { series: {}, failures };
}

/** Queries the port left out of its answer: CloudWatch failed them (Forbidden, InternalError) one by one. */
function unanswered(queries: readonly MetricQuery[], series: Record<string, Datapoint[]>): MetricQuery[] {
  return queries.filter((q) => q.returnData && !Object.hasOwn(series, q.id));
}

function unansweredWarning(query: MetricQuery): string {
  return `CloudWatch metrics unavailable: query "${query.id}" was not answered (Forbidden or InternalError)`;
}

function ownerOf(query: MetricQuery, plan: ObservationPlan): string {
  return plan.queryTargets.get(query.id) as string;
}

/** The target whose query CloudWatch rejected (the port names the query id in the ValidationError's field). */
function rejectedTarget(error: unknown, plan: ObservationPlan): string | undefined {
  if (!(error instanceof ValidationError) || error.field === undefined) return undefined;
  return plan.queryTargets.get(error.field);
}

async function readQueues(
  port: QueuePort,
  urls: readonly string[],
  concurrency: number,
): Promise<Map<string, QueueDepth | Error>> {
  const depths = await mapBounded(urls, concurrency, async (url) => {
    try {
      return await port.getQueueDepth(url);
    } catch (error) {
      return asError(error);
    }
  });
  return new Map(urls.map((url, index) => [url, depths[index] as QueueDepth | Error]));
}

function assemble(
  targetId: string,
  planned: PlannedTarget,
  plan: ObservationPlan,
  services: Services,
  metrics: Metrics,
  depths: Map<string, QueueDepth | Error>,
): TargetObservation {
  if (services instanceof Error) return { ok: false, error: services };
  const failed = services.failed.get(targetId);
  if (failed) return { ok: false, error: failed };
  const service = services.found.get(targetId);
  if (!service || services.missing.has(targetId)) {
    return { ok: false, error: new NotFoundError(`ECS service ${targetId} does not exist`, "target.id") };
  }
  const warnings: string[] = [];
  const failure = metrics.failures.get(targetId);
  if (failure) warnings.push(failure);
  const queues: Record<string, QueueDepth> = {};
  for (const url of planned.queueUrls) {
    const depth = depths.get(url);
    if (depth === undefined || depth instanceof Error) {
      warnings.push(`queue ${url} unread: ${depth ? errorInfo(depth).message : "not read"}`);
    } else queues[url] = depth;
  }
  const observation: Observation = {
    runningCount: service.runningCount,
    desiredCount: service.desiredCount,
    pendingCount: service.pendingCount,
    deploymentInProgress: service.deploymentInProgress,
    metrics: targetMetrics(planned.outputIds, plan, metrics.series),
    queues,
  };
  return { ok: true, observation, warnings };
}

/** Each policy's datapoints, trimmed to its own window (the request used the widest one), oldest first. */
function targetMetrics(
  outputIds: readonly string[],
  plan: ObservationPlan,
  series: Record<string, Datapoint[]>,
): Record<string, Datapoint[]> {
  const metrics: Record<string, Datapoint[]> = {};
  for (const id of outputIds) {
    const output = plan.outputs.get(id);
    const points = series[id];
    if (output === undefined || points === undefined) continue;
    metrics[output.policy] = points.filter((p) => p.timestamp >= output.since);
  }
  return metrics;
}

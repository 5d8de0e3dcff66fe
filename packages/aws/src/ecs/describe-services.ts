import {
  type Deployment,
  DescribeServicesCommand,
  type DescribeServicesCommandOutput,
  type ECSClient,
  type Failure,
  type Service,
} from "@aws-sdk/client-ecs";
import {
  type EcsPort,
  formatServiceId,
  GantryError,
  mapBounded,
  NotFoundError,
  parseServiceId,
  type ServiceSnapshot,
} from "@gantry/core";
import { chunk } from "../chunk.ts";
import { awsErrorName, callAws, isRetryable, toDomainError } from "../sdk-errors.ts";
import { resourceName } from "./ecs-failures.ts";

type Described = Awaited<ReturnType<EcsPort["describeServices"]>>;
type ServiceFailure = Described["failed"][number];

/** DescribeServices accepts at most 10 services per call [AWS]. */
export const DESCRIBE_SERVICES_LIMIT = 10;

const ACTION = "ecs:DescribeServices";

export interface DescribeServicesOptions {
  /** Most DescribeServices calls in flight at once. */
  concurrency: number;
  /** Waits before each retry of a throttled or 5xx batch (on top of the SDK's own retries), then it is split. */
  retryDelaysMs: readonly number[];
}

interface Batch {
  cluster: string;
  names: string[];
}

interface Context extends DescribeServicesOptions {
  client: ECSClient;
  /** Clusters ECS said do not exist, so their other batches are failed without a call. */
  gone: Map<string, NotFoundError>;
}

/**
 * Describes any number of services, 10 per call per cluster, with bounded concurrency. A batch that still fails
 * after its retries is split in halves down to single services, so only the ids at fault fail; a cluster that
 * does not exist fails its own ids. Never throws: every problem is a per-id failure.
 */
export async function describeServices(
  client: ECSClient,
  ids: readonly string[],
  options: DescribeServicesOptions,
): Promise<Described> {
  const unique = [...new Set(ids)];
  const { batches, failed } = planBatches(unique);
  const context: Context = { ...options, client, gone: new Map() };
  const results = await mapBounded(batches, options.concurrency, (batch) => describeIsolated(context, batch));
  const merged = mergeResults([{ services: [], missing: [], failed }, ...results]);
  const order = new Map(unique.map((id, index) => [id, index]));
  const byOrder = (a: string, b: string) => (order.get(a) ?? 0) - (order.get(b) ?? 0);
  return {
    services: merged.services.sort((a, b) => byOrder(a.id, b.id)),
    missing: merged.missing.sort(byOrder),
    failed: merged.failed.sort((a, b) => byOrder(a.id, b.id)),
  };
}

/** Batches of 10 per cluster; a malformed id fails alone. */
function planBatches(ids: readonly string[]): { batches: Batch[]; failed: ServiceFailure[] } {
  const byCluster = new Map<string, string[]>();
  const failed: ServiceFailure[] = [];
  ids.forEach((id, index) => {
    try {
      const { cluster, service } = parseServiceId(id, `ids[${index}]`);
      const names = byCluster.get(cluster);
      if (names) names.push(service);
      else byCluster.set(cluster, [service]);
    } catch (error) {
      failed.push({ id, error: asDomainError(error) });
    }
  });
  const batches = [...byCluster].flatMap(([cluster, names]) =>
    chunk(names, DESCRIBE_SERVICES_LIMIT).map((part) => ({ cluster, names: part })),
  );
  return { batches, failed };
}

async function describeIsolated(context: Context, batch: Batch): Promise<Described> {
  const gone = context.gone.get(batch.cluster);
  if (gone) return failAll(batch, gone);
  try {
    return await withRetries(() => describeBatch(context.client, batch), context.retryDelaysMs);
  } catch (thrown) {
    const error = asDomainError(thrown);
    if (awsErrorName(error) === "ClusterNotFoundException") {
      const missing = clusterNotFound(batch.cluster, error);
      context.gone.set(batch.cluster, missing);
      return failAll(batch, missing);
    }
    if (batch.names.length === 1) return failAll(batch, error);
    // Halves, one after the other: the split exists because ECS is struggling, so it adds no load at once.
    const half = Math.ceil(batch.names.length / 2);
    const results: Described[] = [];
    for (const names of [batch.names.slice(0, half), batch.names.slice(half)]) {
      results.push(await describeIsolated(context, { cluster: batch.cluster, names }));
    }
    return mergeResults(results);
  }
}

async function withRetries<T>(call: () => Promise<T>, delaysMs: readonly number[]): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const delay = delaysMs[attempt];
      if (delay === undefined || !isRetryable(asDomainError(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

function clusterNotFound(cluster: string, error: GantryError): NotFoundError {
  return new NotFoundError(
    `ECS cluster ${cluster} does not exist (${ACTION}: ClusterNotFoundException)`,
    undefined,
    { cause: error.cause ?? error },
  );
}

async function describeBatch(client: ECSClient, batch: Batch): Promise<Described> {
  const { cluster, names } = batch;
  const response = await callAws({ action: ACTION, resource: `cluster ${cluster}` }, () =>
    client.send(new DescribeServicesCommand({ cluster, services: names })),
  );
  return sortResponse(batch, response);
}

/**
 * Each name of the batch lands in one list: ACTIVE services are found; MISSING failures, deleted (INACTIVE,
 * DRAINING) and unmentioned services are missing; any other failure fails its own service only.
 */
function sortResponse(batch: Batch, response: DescribeServicesCommandOutput): Described {
  const active = new Map<string, Service>();
  for (const service of response.services ?? []) {
    if (service.status === undefined || service.status === "ACTIVE") active.set(nameOf(service), service);
  }
  const answered = new Set((response.services ?? []).map(nameOf));
  const failures = new Map((response.failures ?? []).map((f) => [resourceName(f.arn ?? ""), f]));
  // A failure ECS does not tie to a requested name is charged to the names it left unanswered.
  const stray = (response.failures ?? []).find(
    (f) => f.reason !== "MISSING" && !batch.names.includes(resourceName(f.arn ?? "")),
  );
  const result: Described = { services: [], missing: [], failed: [] };
  for (const name of batch.names) {
    const id = formatServiceId({ cluster: batch.cluster, service: name });
    const service = active.get(name);
    const failure = failures.get(name) ?? (answered.has(name) ? undefined : stray);
    if (service) result.services.push(toSnapshot(id, service));
    else if (failure === undefined || failure.reason === "MISSING") result.missing.push(id);
    else result.failed.push({ id, error: failureError(id, failure) });
  }
  return result;
}

function nameOf(service: Service): string {
  return service.serviceName ?? resourceName(service.serviceArn ?? "");
}

function failureError(id: string, failure: Failure): GantryError {
  const detail = failure.detail ? ` (${failure.detail})` : "";
  return new GantryError("EcsFailure", `${ACTION} failed for ${id}: ${failure.reason ?? "unknown"}${detail}`);
}

function toSnapshot(id: string, service: Service): ServiceSnapshot {
  return {
    id,
    desiredCount: service.desiredCount ?? 0,
    runningCount: service.runningCount ?? 0,
    pendingCount: service.pendingCount ?? 0,
    deploymentInProgress: isDeploying(service.deployments ?? []),
  };
}

/** More than one deployment means tasks are being replaced; a lone PRIMARY may still be rolling out. */
export function isDeploying(deployments: readonly Deployment[]): boolean {
  if (deployments.length > 1) return true;
  const primary = deployments.find((deployment) => deployment.status === "PRIMARY");
  return primary?.rolloutState === "IN_PROGRESS";
}

function asDomainError(error: unknown): GantryError {
  return toDomainError(error, { action: ACTION });
}

function failAll(batch: Batch, error: GantryError): Described {
  const failed = batch.names.map((name) => ({
    id: formatServiceId({ cluster: batch.cluster, service: name }),
    error,
  }));
  return { services: [], missing: [], failed };
}

function mergeResults(results: readonly Described[]): Described {
  return {
    services: results.flatMap((r) => r.services),
    missing: results.flatMap((r) => r.missing),
    failed: results.flatMap((r) => r.failed),
  };
}

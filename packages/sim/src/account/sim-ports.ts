// The runtime's ports over a simulated account: the reconciler runs unchanged against it. Each call reads
// or changes the account at its current virtual time; nothing advances the clock but the account's owner.
import {
  type Clock,
  type Datapoint,
  type EcsPort,
  formatServiceId,
  type GantryError,
  type MetricQuery,
  type MetricsPort,
  NotFoundError,
  parseServiceId,
  type QueuePort,
  ValidationError,
} from "@gantry/core";
import type { SimMetricName } from "../scalers/scaler.ts";
import { METRICS, STATISTICS, type Statistic } from "./cloudwatch-store.ts";
import type { SimAccount } from "./sim-account.ts";
import type { SimService } from "./sim-service.ts";

export interface SimPorts {
  readonly ecs: EcsPort;
  readonly queue: QueuePort;
  readonly metrics: MetricsPort;
  readonly clock: Clock;
}

export function createSimEcsPort(account: SimAccount) {
  return {
    /** As ECS: a cluster that does not exist fails its own ids (ClusterNotFoundException), no others. */
    async describeServices(ids: readonly string[]) {
      const unique = [...new Set(ids)];
      const failed = unique.flatMap((id) => {
        const error = describeError(account, id);
        return error === undefined ? [] : [{ id, error }];
      });
      const asked = unique.filter((id) => !failed.some((f) => f.id === id));
      const services = asked.flatMap((id) => account.findService(id)?.snapshot() ?? []);
      const missing = asked.filter((id) => account.findService(id) === undefined);
      return { services, missing, failed };
    },
    async setDesiredCount(id: string, desiredCount: number) {
      account.setDesiredCount(id, desiredCount);
    },
  } satisfies EcsPort;
}

/** Why ECS would refuse to describe `id`: a malformed id, or a cluster the account does not have. */
function describeError(account: SimAccount, id: string): GantryError | undefined {
  try {
    const { cluster } = parseServiceId(id, "ids");
    if (account.hasCluster(cluster)) return undefined;
    return new NotFoundError(
      `ECS cluster ${cluster} does not exist (ecs:DescribeServices: ClusterNotFoundException)`,
    );
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
}

export function createSimQueuePort(account: SimAccount) {
  return {
    async getQueueDepth(queueUrl: string) {
      const service = account.services.find((s) => s.queueUrl === queueUrl);
      if (service === undefined) throw new NotFoundError(`no queue ${queueUrl}`, "queueUrl");
      return service.reportedDepth(account.now());
    },
  } satisfies QueuePort;
}

// ECS RunningTaskCount lives in Container Insights (ECS/ContainerInsights); AWS/ECS is accepted as well.
const ECS_NAMESPACES = new Set(["AWS/ECS", "ECS/ContainerInsights"]);

function dimension(query: MetricQuery, name: string): string | undefined {
  return query.stat?.dimensions.find((d) => d.name === name)?.value;
}

/** The service a query's ClusterName and ServiceName dimensions name, when the account has it. */
function dimensionService(account: SimAccount, query: MetricQuery): SimService | undefined {
  const cluster = dimension(query, "ClusterName");
  const service = dimension(query, "ServiceName");
  if (cluster === undefined || service === undefined) return undefined;
  return account.findService(formatServiceId({ cluster, service }));
}

/** The service and metric a query names, when the account has them. */
function resolve(
  account: SimAccount,
  query: MetricQuery,
): { service: SimService; metric: SimMetricName } | undefined {
  const stat = query.stat;
  if (stat === undefined) return undefined;
  const metric = METRICS.find((m) => m === stat.metricName);
  if (metric === undefined) return undefined;
  if (stat.namespace === "AWS/SQS" && metric !== "RunningTaskCount") {
    const queueName = dimension(query, "QueueName");
    const service = account.services.find((s) => s.queueName === queueName);
    return service === undefined ? undefined : { service, metric };
  }
  if (ECS_NAMESPACES.has(stat.namespace) && metric === "RunningTaskCount") {
    const service = dimensionService(account, query);
    return service === undefined ? undefined : { service, metric };
  }
  return undefined;
}

/** ECS CPUUtilization (AWS/ECS only, as AWS publishes it) of a service the account has. */
function resolveCpu(account: SimAccount, query: MetricQuery): SimService | undefined {
  const stat = query.stat;
  if (stat?.namespace !== "AWS/ECS" || stat.metricName !== "CPUUtilization") return undefined;
  return dimensionService(account, query);
}

function checkQuery(query: MetricQuery): Statistic | undefined {
  if (!(query.periodSeconds >= 60 && query.periodSeconds % 60 === 0)) {
    throw new ValidationError(`query ${query.id}: period must be a multiple of 60 s`, query.id);
  }
  if (query.stat === undefined) return undefined;
  const statistic = STATISTICS.find((s) => s === query.stat?.statistic);
  if (statistic === undefined) {
    throw new ValidationError(
      `query ${query.id}: statistic ${query.stat.statistic} is not supported`,
      query.id,
    );
  }
  return statistic;
}

/** GetMetricData over the simulated CloudWatch; metric math and unknown metrics return no datapoints. */
export function createSimMetricsPort(account: SimAccount) {
  return {
    async getMetricData(queries: readonly MetricQuery[], range: { start: number; end: number }) {
      const result: Record<string, Datapoint[]> = {};
      for (const query of queries) {
        const statistic = checkQuery(query);
        if (!query.returnData) continue;
        const window = {
          from: range.start,
          to: range.end,
          now: account.now(),
          periodMs: query.periodSeconds * 1000,
        };
        const cpu = resolveCpu(account, query);
        const found = resolve(account, query);
        if (statistic === undefined) result[query.id] = [];
        else if (cpu !== undefined) result[query.id] = cpu.cpu.query(statistic, window);
        else if (found === undefined) result[query.id] = [];
        else result[query.id] = found.service.cloudwatch.query(found.metric, statistic, window);
      }
      return result;
    },
  } satisfies MetricsPort;
}

/** The account's virtual clock. */
export function createSimClock(account: SimAccount) {
  return { now: () => account.now() } satisfies Clock;
}

/** All four ports over one account. */
export function createSimPorts(account: SimAccount): SimPorts {
  return {
    ecs: createSimEcsPort(account),
    queue: createSimQueuePort(account),
    metrics: createSimMetricsPort(account),
    clock: createSimClock(account),
  };
}

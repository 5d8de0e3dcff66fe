// SDK clients whose `send` is answered by the simulated account through a SimWire, so that the real adapters of
// packages/aws (DescribeServices batches and splits, GetMetricData partial results, UpdateService errors) run
// on it unchanged. Only what the adapters send is answered.
import {
  type CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  type MetricDataQuery,
  type MetricDataResult,
} from "@aws-sdk/client-cloudwatch";
import {
  DescribeServicesCommand,
  type DescribeServicesCommandInput,
  type ECSClient,
  UpdateServiceCommand,
  type UpdateServiceCommandInput,
} from "@aws-sdk/client-ecs";
import {
  GetQueueAttributesCommand,
  type GetQueueAttributesCommandInput,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { MetricQuery } from "@gantry/core";
import { createSimMetricsPort, createSimQueuePort, type SimAccount } from "@gantry/sim";
import { clientError } from "./sdk-faults.ts";
import type { SimWire } from "./sim-wire.ts";

const ARN = "arn:aws:ecs:us-east-1:000000000000";

type Command = { input: object };

function client(send: (command: Command) => Promise<unknown>) {
  return { send, destroy() {} };
}

function unsupported(command: Command): never {
  throw new Error(`the simulated account does not answer ${command.constructor.name}`);
}

/** ECS: DescribeServices (ClusterNotFoundException for a cluster the account lacks) and UpdateService. */
export function simEcsClient(account: SimAccount, wire: SimWire): ECSClient {
  return client(async (command) => {
    if (command instanceof DescribeServicesCommand) {
      return wire.send("ecs", "DescribeServices", command.input, () => describe(account, command.input));
    }
    if (command instanceof UpdateServiceCommand) {
      return wire.send("ecs", "UpdateService", command.input, () => update(account, command.input));
    }
    return unsupported(command);
  }) as unknown as ECSClient;
}

function describe(account: SimAccount, input: DescribeServicesCommandInput) {
  const cluster = input.cluster ?? "default";
  if (!account.hasCluster(cluster)) {
    throw clientError("ClusterNotFoundException", "Cluster not found.");
  }
  const services = [];
  const failures = [];
  for (const name of input.services ?? []) {
    const service = account.findService(`service/${cluster}/${name}`);
    const arn = `${ARN}:service/${cluster}/${name}`;
    if (service === undefined) {
      failures.push({ arn, reason: "MISSING" });
      continue;
    }
    const snapshot = service.snapshot();
    services.push({
      serviceArn: arn,
      serviceName: name,
      status: "ACTIVE",
      desiredCount: snapshot.desiredCount,
      runningCount: snapshot.runningCount,
      pendingCount: snapshot.pendingCount,
      deployments: [{ status: "PRIMARY", rolloutState: "COMPLETED" }],
    });
  }
  return { services, failures, $metadata: { httpStatusCode: 200 } };
}

function update(account: SimAccount, input: UpdateServiceCommandInput) {
  const id = `service/${input.cluster}/${input.service}`;
  if (!account.hasCluster(input.cluster ?? ""))
    throw clientError("ClusterNotFoundException", "Cluster not found.");
  if (account.findService(id) === undefined) {
    throw clientError("ServiceNotFoundException", "Service not found.");
  }
  account.setDesiredCount(id, input.desiredCount ?? 0);
  return { service: { serviceName: input.service, desiredCount: input.desiredCount }, $metadata: {} };
}

export interface SimCloudWatchOptions {
  /** A per-query status CloudWatch can answer instead of data (Forbidden, InternalError); default Complete. */
  statusOf?: (query: MetricDataQuery) => "Forbidden" | "InternalError" | undefined;
}

/** CloudWatch GetMetricData over the account's metrics; a query may be answered Forbidden or InternalError. */
export function simCloudWatchClient(
  account: SimAccount,
  wire: SimWire,
  options: SimCloudWatchOptions = {},
): CloudWatchClient {
  const port = createSimMetricsPort(account);
  return client(async (command) => {
    if (!(command instanceof GetMetricDataCommand)) return unsupported(command);
    const input = command.input;
    return wire.send("cloudwatch", "GetMetricData", input, () => metricData(port, input, options));
  }) as unknown as CloudWatchClient;
}

async function metricData(
  port: ReturnType<typeof createSimMetricsPort>,
  input: GetMetricDataCommandInput,
  options: SimCloudWatchOptions,
) {
  const queries = input.MetricDataQueries ?? [];
  const range = { start: (input.StartTime as Date).getTime(), end: (input.EndTime as Date).getTime() };
  const answer = await port.getMetricData(queries.map(toMetricQuery), range);
  return { MetricDataResults: toResults(queries, answer, options), Messages: [] };
}

function toMetricQuery(query: MetricDataQuery): MetricQuery {
  const stat = query.MetricStat;
  const base = {
    id: query.Id ?? "",
    periodSeconds: stat?.Period ?? query.Period ?? 60,
    returnData: query.ReturnData ?? true,
  };
  if (stat === undefined) return { ...base, expression: query.Expression ?? "" };
  return {
    ...base,
    stat: {
      namespace: stat.Metric?.Namespace ?? "",
      metricName: stat.Metric?.MetricName ?? "",
      dimensions: (stat.Metric?.Dimensions ?? []).map((d) => ({ name: d.Name ?? "", value: d.Value ?? "" })),
      statistic: stat.Stat ?? "Average",
    },
  };
}

function toResults(
  queries: readonly MetricDataQuery[],
  answer: Record<string, { timestamp: number; value: number }[]>,
  options: SimCloudWatchOptions,
): MetricDataResult[] {
  return queries
    .filter((q) => q.ReturnData !== false)
    .map((query) => {
      const status = options.statusOf?.(query);
      const id = query.Id ?? "";
      if (status !== undefined) return { Id: id, StatusCode: status, Timestamps: [], Values: [] };
      const points = answer[id] ?? [];
      return {
        Id: id,
        StatusCode: "Complete",
        Timestamps: points.map((p) => new Date(p.timestamp)),
        Values: points.map((p) => p.value),
      };
    });
}

/** SQS GetQueueAttributes over the account's queues (QueueDoesNotExist for an unknown one). */
export function simSqsClient(account: SimAccount, wire: SimWire): SQSClient {
  const port = createSimQueuePort(account);
  return client(async (command) => {
    if (!(command instanceof GetQueueAttributesCommand)) return unsupported(command);
    const input = command.input as GetQueueAttributesCommandInput;
    return wire.send("sqs", "GetQueueAttributes", input, () => queueAttributes(port, input));
  }) as unknown as SQSClient;
}

async function queueAttributes(
  port: ReturnType<typeof createSimQueuePort>,
  input: GetQueueAttributesCommandInput,
) {
  const depth = await port.getQueueDepth(input.QueueUrl ?? "").catch(() => {
    throw clientError("QueueDoesNotExist", "The specified queue does not exist.");
  });
  return {
    Attributes: {
      ApproximateNumberOfMessages: String(depth.visible),
      ApproximateNumberOfMessagesNotVisible: String(depth.inFlight),
      ApproximateNumberOfMessagesDelayed: String(depth.delayed),
    },
  };
}

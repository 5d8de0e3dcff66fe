import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import {
  type BacktestJob,
  ConflictError,
  GantryError,
  JOB_STATUSES,
  type JobStore,
  type JobUpdate,
  NotFoundError,
} from "@gantry/core";
import { withDomainErrors } from "./dynamo-errors.ts";
import { toDocumentClient } from "./store-context.ts";
import { jobKey } from "./table-keys.ts";

/** Jobs are kept a week after they were created (the table's TTL on `expiresAt`). */
export const JOB_RETENTION_SECONDS = 7 * 24 * 3600;

export interface DynamoJobStoreOptions {
  client: DynamoDBDocumentClient | DynamoDBClient;
  /** The state table (table-keys.ts: `pk = JOBS`, `sk = <job id>`). */
  tableName: string;
}

/**
 * Backtest jobs in the state table. `input` and `report` are stored as JSON strings: a trace of 20,160 minutes
 * is one compact attribute rather than a DynamoDB list of numbers (the item stays under 400 KB).
 */
export function createDynamoJobStore(options: DynamoJobStoreOptions): JobStore {
  const documents = toDocumentClient(options.client);
  const TableName = options.tableName;
  return {
    async create(job) {
      const input = { TableName, Item: toItem(job), ConditionExpression: "attribute_not_exists(pk)" };
      const failure = { action: "PutItem", tableName: TableName, subject: `job ${job.id}`, creating: true };
      await withDomainErrors(failure, () => documents.send(new PutCommand(input)));
    },
    async get(id) {
      const input = { TableName, Key: jobKey(id), ConsistentRead: true };
      const failure = { action: "GetItem", tableName: TableName, subject: `job ${id}` };
      const result = await withDomainErrors(failure, () => documents.send(new GetCommand(input)));
      return result.Item ? fromItem(result.Item) : undefined;
    },
    async update(id, update, now) {
      const input = { TableName, Key: jobKey(id), ...updateExpression(update, now) };
      const failure = { action: "UpdateItem", tableName: TableName, subject: `job ${id}` };
      try {
        const result = await withDomainErrors(failure, () => documents.send(new UpdateCommand(input)));
        return fromItem(result.Attributes ?? {});
      } catch (error) {
        if (error instanceof ConflictError)
          throw new NotFoundError(`no job ${id}`, undefined, { cause: error });
        throw error;
      }
    },
  };
}

function toItem(job: BacktestJob): Record<string, unknown> {
  const { input, report, ...rest } = job;
  return {
    ...jobKey(job.id),
    ...JSON.parse(JSON.stringify(rest)),
    input: JSON.stringify(input),
    ...(report !== undefined && { report: JSON.stringify(report) }),
    expiresAt: Math.floor(job.createdAt / 1000) + JOB_RETENTION_SECONDS,
  };
}

function updateExpression(update: JobUpdate, now: number) {
  const values: Record<string, unknown> = { ":updatedAt": now };
  const names: Record<string, string> = { "#updatedAt": "updatedAt" };
  for (const [key, value] of Object.entries(update)) {
    if (value === undefined) continue;
    names[`#${key}`] = key;
    values[`:${key}`] = key === "report" ? JSON.stringify(value) : value;
  }
  const sets = Object.keys(names).map((name) => `${name} = :${name.slice(1)}`);
  return {
    UpdateExpression: `SET ${sets.join(", ")}`,
    ConditionExpression: "attribute_exists(pk)",
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: "ALL_NEW" as const,
  };
}

function fromItem(item: Record<string, unknown>): BacktestJob {
  const { id, targetId, status, progress, createdAt, updatedAt, input, report, error } = item;
  const ok =
    typeof id === "string" &&
    typeof targetId === "string" &&
    JOB_STATUSES.includes(status as never) &&
    typeof progress === "number" &&
    typeof createdAt === "number" &&
    typeof updatedAt === "number" &&
    typeof input === "string";
  if (!ok) throw new GantryError("CorruptItem", `stored job ${String(item.sk)} is corrupt`);
  return {
    ...({ id, targetId, status, progress, createdAt, updatedAt } as Omit<BacktestJob, "input">),
    input: JSON.parse(input as string),
    ...(typeof report === "string" && { report: JSON.parse(report) }),
    ...(error !== undefined && { error: error as BacktestJob["error"] }),
  };
}

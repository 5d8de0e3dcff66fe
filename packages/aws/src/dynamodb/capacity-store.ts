import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import {
  type Activity,
  CAPACITY_STATE_VERSION,
  type CapacityRecord,
  type CapacityState,
  type CapacityStateStore,
  type StoredCapacityRecord,
  ValidationError,
} from "@gantry/core";
import { withDomainErrors } from "./dynamo-errors.ts";
import { type StoreContext, toDocumentClient, toPlainJson } from "./store-context.ts";
import { capacityKey } from "./table-keys.ts";

export interface DynamoCapacityStoreOptions {
  /** A plain client is wrapped in a DynamoDBDocumentClient (removeUndefinedValues). */
  client: DynamoDBDocumentClient | DynamoDBClient;
  /** The state table: the same one as the targets' (table-keys.ts: `pk = CAPACITY`, `sk = <capacity name>`). */
  tableName: string;
  /** Epoch milliseconds, for `updatedAt`. */
  clock?: () => number;
}

/** The item: the record as one map, plus the version every write checks. */
interface CapacityItem {
  pk: string;
  sk: string;
  record?: unknown;
  version?: unknown;
  updatedAt?: unknown;
}

/**
 * The cluster stage's memory in the state table, one item per capacity name. Writes are conditional like the
 * target items': a replace requires `version = :expected`, a create (expectedVersion 0) requires no item; a failed
 * condition is a ConflictError and changes nothing. Errors otherwise as createDynamoStateStore's.
 */
export function createDynamoCapacityStore(options: DynamoCapacityStoreOptions): CapacityStateStore {
  const context: StoreContext = {
    documents: toDocumentClient(options.client),
    tableName: options.tableName,
    now: options.clock ?? Date.now,
  };
  // Versions of items this store last read as corrupt, by name: see `get`.
  const corruptAt = new Map<string, number>();
  return {
    async get(name) {
      const input = { TableName: context.tableName, Key: capacityKey(name), ConsistentRead: true };
      const failure = { action: "GetItem", tableName: context.tableName, subject: `capacity ${name}` };
      const result = await withDomainErrors(failure, () => context.documents.send(new GetCommand(input)));
      corruptAt.delete(name);
      const item = result.Item as CapacityItem | undefined;
      if (!item) return undefined;
      const stored = readCapacityItem(item);
      // A record that fails validation (hand-edited, or written by a future schema) reads as absent rather than
      // throwing: the cluster stage then re-learns it from the cluster (bootstrap), losing only timers such as
      // `unneededSince`, which errs towards keeping instances. Throwing instead would stop that group's stage
      // for good. The stage creates at version 0, which would always fail against the existing item, so the
      // item's version is remembered and the next create from this store replaces the corrupt item — still
      // conditionally, on that version, so of two writers only one wins.
      if (stored === undefined && Number.isSafeInteger(item.version))
        corruptAt.set(name, item.version as number);
      return stored;
    },
    async put(name, record, expectedVersion) {
      if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
        throw new ValidationError("must be a non-negative integer", "expectedVersion");
      }
      const checked = checkCapacityRecord(record);
      if (typeof checked === "string") throw new ValidationError(checked, "record");
      const replacing = expectedVersion === 0 ? corruptAt.get(name) : expectedVersion;
      const version = await writeCapacity(context, name, toPlainJson(checked), expectedVersion, replacing);
      corruptAt.delete(name);
      return version;
    },
  };
}

async function writeCapacity(
  context: StoreContext,
  name: string,
  record: CapacityRecord,
  expectedVersion: number,
  replacing: number | undefined,
): Promise<number> {
  const next = (replacing ?? 0) + 1;
  const input = {
    TableName: context.tableName,
    Key: capacityKey(name),
    UpdateExpression: "SET #record = :record, #version = :next, #updatedAt = :now",
    ConditionExpression: replacing === undefined ? "attribute_not_exists(#pk)" : "#version = :expected",
    ExpressionAttributeNames: {
      "#record": "record",
      "#version": "version",
      "#updatedAt": "updatedAt",
      ...(replacing === undefined && { "#pk": "pk" }),
    },
    ExpressionAttributeValues: {
      ":record": record,
      ":next": next,
      ":now": context.now(),
      ...(replacing !== undefined && { ":expected": replacing }),
    },
    ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const,
  };
  const failure = {
    action: "UpdateItem",
    tableName: context.tableName,
    subject: `capacity ${name}`,
    expectedVersion,
    creating: expectedVersion === 0,
  };
  await withDomainErrors(failure, () => context.documents.send(new UpdateCommand(input)));
  return next;
}

/** The stored record, or undefined when the item fails validation (see `get`). */
function readCapacityItem(item: CapacityItem): StoredCapacityRecord | undefined {
  const version = item.version;
  if (!Number.isSafeInteger(version) || (version as number) < 1) return undefined;
  const record = checkCapacityRecord(item.record);
  return typeof record === "string" ? undefined : { ...record, version: version as number };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === "string");

/** The record, stripped of unknown fields, or what is wrong with it. */
export function checkCapacityRecord(value: unknown): CapacityRecord | string {
  if (!isRecord(value)) return "is not an object";
  if (!isStrings(value.drainedByGantry)) return "drainedByGantry is not a list of instance ids";
  const state = value.state;
  if (!isRecord(state)) return "state is not an object";
  if (state.version !== CAPACITY_STATE_VERSION) return `state.version is ${JSON.stringify(state.version)}`;
  const { lastScaleOutAt, unneededSince, protectedByGantry } = state;
  if (lastScaleOutAt !== undefined && !Number.isFinite(lastScaleOutAt))
    return "state.lastScaleOutAt is not a number";
  if (!isRecord(unneededSince) || !Object.values(unneededSince).every((v) => Number.isFinite(v))) {
    return "state.unneededSince is not a map of instants";
  }
  if (protectedByGantry !== undefined && !isStrings(protectedByGantry)) {
    return "state.protectedByGantry is not a list of instance ids";
  }
  const checked: CapacityState = {
    version: CAPACITY_STATE_VERSION,
    ...(lastScaleOutAt !== undefined && { lastScaleOutAt: lastScaleOutAt as number }),
    unneededSince: unneededSince as Record<string, number>,
    ...(protectedByGantry !== undefined && { protectedByGantry }),
  };
  const pending = checkPending(value.pending);
  if (typeof pending === "string") return pending;
  return { state: checked, drainedByGantry: value.drainedByGantry, ...(pending && { pending }) };
}

/** A pending change's shape; its activity is Gantry's own, written back as it was read. */
function checkPending(value: unknown): CapacityRecord["pending"] | string {
  if (value === undefined) return undefined;
  if (!isRecord(value) || !isRecord(value.activity)) return "pending is not an object with an activity";
  if (typeof value.activity.activityId !== "string") return "pending.activity.activityId is not a string";
  if (!Number.isSafeInteger(value.groupDesired)) return "pending.groupDesired is not an integer";
  const { settleAfter } = value;
  if (settleAfter !== undefined && !Number.isFinite(settleAfter))
    return "pending.settleAfter is not a number";
  return {
    activity: value.activity as unknown as Activity,
    groupDesired: value.groupDesired as number,
    ...(settleAfter !== undefined && { settleAfter: settleAfter as number }),
  };
}

import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { StateStore } from "@gantry/core";
import { appendActivity, readActivityPage } from "./activity-log.ts";
import { readPassCursor, writePassCursor } from "./pass-cursor.ts";
import { targetStoreContext, toDocumentClient } from "./store-context.ts";
import { readAllTargets } from "./target-listing.ts";
import { readRawTarget, readTarget } from "./target-reads.ts";
import { writeConfig, writeState, writeTombstone } from "./target-writes.ts";

export interface DynamoStateStoreOptions {
  /** A plain client is wrapped in a DynamoDBDocumentClient (removeUndefinedValues). */
  client: DynamoDBDocumentClient | DynamoDBClient;
  tableName: string;
  /** Epoch milliseconds, for `updatedAt` and tombstones. */
  clock?: () => number;
}

export interface DynamoStateStore extends StateStore {
  readonly tableName: string;
  /** Where the next full pass starts (the runtime's PassCursorStore): one small item, `pk = PASS`. */
  readPassCursor(): Promise<string | undefined>;
  writePassCursor(targetId: string | undefined): Promise<void>;
}

/**
 * The state table in DynamoDB (DESIGN §4 State). Layout: table-keys.ts and target-items.ts; conditional
 * writes: target-writes.ts. Errors: ConflictError, ThrottledError, NotFoundError (missing table),
 * ValidationError (bad input or cursor), CorruptItemError, or a GantryError naming the DynamoDB action.
 */
export function createDynamoStateStore(options: DynamoStateStoreOptions): DynamoStateStore {
  const context = targetStoreContext({
    documents: toDocumentClient(options.client),
    tableName: options.tableName,
    now: options.clock ?? Date.now,
  });
  return {
    tableName: options.tableName,
    listTargets: () => readAllTargets(context),
    getTarget: (targetId) => readTarget(context, targetId),
    getRawTarget: (targetId) => readRawTarget(context, targetId),
    putConfig: (config, expectedVersion) => writeConfig(context, config, expectedVersion),
    putState: (targetId, state, expected, lastDecision) =>
      writeState(context, targetId, state, expected, lastDecision),
    deleteTarget: (targetId, expectedVersion) => writeTombstone(context, targetId, expectedVersion),
    putActivity: (activity) => appendActivity(context, activity),
    listActivities: (targetId, page) => readActivityPage(context, targetId, page),
    readPassCursor: () => readPassCursor(context),
    writePassCursor: (targetId) => writePassCursor(context, targetId),
  };
}

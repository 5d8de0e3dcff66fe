import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { type Activity, type ActivityPage, ValidationError } from "@gantry/core";
import { decodeActivityCursor, encodeActivityCursor } from "./activity-cursor.ts";
import { readActivityItem, toActivityItem } from "./activity-items.ts";
import { withDomainErrors } from "./dynamo-errors.ts";
import type { StoreContext } from "./store-context.ts";
import { ACTIVITY_PREFIX, activityPartition, type ItemKey } from "./table-keys.ts";

export const DEFAULT_ACTIVITY_PAGE = 50;
export const MAX_ACTIVITY_PAGE = 1000;

/** Unconditional: activities are a log, not versioned state; rewriting an activityId updates its status. */
export async function appendActivity(context: StoreContext, activity: Activity): Promise<void> {
  const input = { TableName: context.tableName, Item: toActivityItem(activity) };
  const failure = { action: "PutItem", tableName: context.tableName, targetId: activity.targetId };
  await withDomainErrors(failure, () => context.documents.send(new PutCommand(input)));
}

/**
 * Newest first. Asks for one item more than the page, so the last page has no cursor even when it is full.
 * DynamoDB's TTL deletes lazily, so an activity just past its 6 weeks may still be listed for a while.
 */
export async function readActivityPage(
  context: StoreContext,
  targetId: string,
  options: { limit?: number; cursor?: string } = {},
): Promise<ActivityPage> {
  const limit = pageLimit(options.limit);
  const startKey = options.cursor === undefined ? undefined : decodeActivityCursor(options.cursor, targetId);
  const result = await queryNewestFirst(context, targetId, limit + 1, startKey);
  const items = result.items.slice(0, limit);
  const page: ActivityPage = { items: items.map((item) => readActivityItem(targetId, item)) };
  const last = items.at(-1);
  if (last && (result.items.length > limit || result.truncated)) page.cursor = encodeActivityCursor(last);
  return page;
}

async function queryNewestFirst(context: StoreContext, targetId: string, limit: number, startKey?: ItemKey) {
  const input = {
    TableName: context.tableName,
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": activityPartition(targetId), ":prefix": ACTIVITY_PREFIX },
    ScanIndexForward: false,
    Limit: limit,
    ExclusiveStartKey: startKey,
  };
  const failure = { action: "Query", tableName: context.tableName, targetId };
  const result = await withDomainErrors(failure, () => context.documents.send(new QueryCommand(input)));
  // `truncated`: DynamoDB stopped early (1 MB per call), so more items may follow even in a short page.
  return { items: (result.Items ?? []) as ItemKey[], truncated: result.LastEvaluatedKey !== undefined };
}

function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_ACTIVITY_PAGE;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_ACTIVITY_PAGE) {
    throw new ValidationError(`must be an integer from 1 to ${MAX_ACTIVITY_PAGE}`, "limit");
  }
  return limit;
}

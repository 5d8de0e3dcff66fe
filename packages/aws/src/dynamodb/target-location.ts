import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { ConflictError } from "@gantry/core";
import { withDomainErrors } from "./dynamo-errors.ts";
import type { TargetStoreContext } from "./store-context.ts";
import { legacyTargetKey, targetKey } from "./table-keys.ts";
import { getItem } from "./target-reads.ts";

/**
 * Runs a write against the target's sharded item, first moving an item still under the legacy `TARGETS` key to
 * its shard (table-keys.ts). Where the item is comes from this container's reads; when they never saw it, a
 * create looks under the legacy key first (else it would create a second item beside the old one), and a
 * conditional write that fails looks there once before it is reported as a conflict.
 */
export async function atShard<T>(
  context: TargetStoreContext,
  targetId: string,
  creating: boolean,
  write: () => Promise<T>,
): Promise<T> {
  const location = context.locations.get(targetId);
  if (location === "legacy" || (creating && location === undefined)) await moveToShard(context, targetId);
  try {
    const result = await write();
    context.locations.set(targetId, "shard");
    return result;
  } catch (error) {
    if (!(error instanceof ConflictError) || context.locations.get(targetId) === "shard") throw error;
    if (conflictSawItem(error)) throw error;
    if (!(await moveToShard(context, targetId))) throw error;
    return write();
  }
}

/** DynamoDB returned the item the condition failed on (ALL_OLD): there is one at the shard, nothing to move. */
function conflictSawItem(error: ConflictError): boolean {
  const cause = error.cause;
  return typeof cause === "object" && cause !== null && "Item" in cause && cause.Item !== undefined;
}

/**
 * Moves a legacy item to its shard without ever leaving it nowhere: copy first (unless the shard holds a copy
 * at least as recent), then delete the legacy item only if it is still the one copied. Cut between the two,
 * both exist and readers take the shard's; the next write finishes the move. False when there was no legacy item.
 */
export async function moveToShard(context: TargetStoreContext, targetId: string): Promise<boolean> {
  const legacy = await getItem(context, legacyTargetKey(targetId), targetId);
  if (legacy === undefined) {
    if (context.locations.get(targetId) === "legacy") context.locations.delete(targetId);
    return false;
  }
  const { pk: _pk, sk: _sk, ...attributes } = legacy;
  const failure = {
    action: "PutItem",
    tableName: context.tableName,
    targetId,
    subject: `target ${targetId}`,
  };
  try {
    await withDomainErrors(failure, () =>
      context.documents.send(
        new PutCommand({
          TableName: context.tableName,
          Item: { ...targetKey(targetId), ...attributes },
          ...newerThanShard(legacy.updatedAt),
        }),
      ),
    );
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error; // the shard's copy is as recent: keep it
  }
  await deleteIfUnchanged(context, targetId, legacy.updatedAt);
  context.locations.set(targetId, "shard");
  return true;
}

async function deleteIfUnchanged(context: TargetStoreContext, targetId: string, updatedAt: unknown) {
  const failure = { action: "DeleteItem", tableName: context.tableName, targetId };
  try {
    await withDomainErrors(failure, () =>
      context.documents.send(
        new DeleteCommand({
          TableName: context.tableName,
          Key: legacyTargetKey(targetId),
          ...unchangedSince(updatedAt),
        }),
      ),
    );
  } catch (error) {
    // Written since it was copied (an older Gantry during a deploy): left for the next move, never dropped.
    if (!(error instanceof ConflictError)) throw error;
  }
}

type Condition = {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
};

/** Copy over no shard item, or an older one; a corrupt item without a numeric updatedAt only over none. */
function newerThanShard(updatedAt: unknown): Condition {
  if (typeof updatedAt !== "number") {
    return { ConditionExpression: "attribute_not_exists(#pk)", ExpressionAttributeNames: { "#pk": "pk" } };
  }
  return {
    ConditionExpression: "attribute_not_exists(#pk) OR #updatedAt < :updatedAt",
    ExpressionAttributeNames: { "#pk": "pk", "#updatedAt": "updatedAt" },
    ExpressionAttributeValues: { ":updatedAt": updatedAt },
  };
}

function unchangedSince(updatedAt: unknown): Condition {
  if (typeof updatedAt !== "number") {
    return {
      ConditionExpression: "attribute_not_exists(#updatedAt)",
      ExpressionAttributeNames: { "#updatedAt": "updatedAt" },
    };
  }
  return {
    ConditionExpression: "#updatedAt = :updatedAt",
    ExpressionAttributeNames: { "#updatedAt": "updatedAt" },
    ExpressionAttributeValues: { ":updatedAt": updatedAt },
  };
}

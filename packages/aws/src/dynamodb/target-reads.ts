import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { RawTargetItem, TargetRecord } from "@gantry/core";
import { withDomainErrors } from "./dynamo-errors.ts";
import type { StoreContext, TargetStoreContext } from "./store-context.ts";
import { type ItemKey, legacyTargetKey, targetKey } from "./table-keys.ts";
import { readTargetItem, type TargetItem } from "./target-items.ts";

/**
 * Strongly consistent: the reconciler reads, decides and writes back, and a stale read would only make the
 * conditional write lose. Throws CorruptItemError for an item that fails its schema.
 */
export async function readTarget(
  context: TargetStoreContext,
  targetId: string,
): Promise<TargetRecord | undefined> {
  const item = await getTargetItem(context, targetId);
  return item ? readTargetItem(item, context.configs) : undefined;
}

/** The item as stored, unparsed and without its keys; a tombstone is no target. */
export async function readRawTarget(
  context: TargetStoreContext,
  targetId: string,
): Promise<RawTargetItem | undefined> {
  const stored = await getTargetItem(context, targetId);
  if (!stored || stored.deletedAt !== undefined) return undefined;
  const { pk: _pk, sk: _sk, ...item } = stored;
  const version = Number.isSafeInteger(item.version) && (item.version as number) >= 1 ? item.version : null;
  return { targetId, version: version as number | null, item: jsonOf(item) };
}

/** Sets (SS, NS) become arrays and binaries base64, which JSON would otherwise print as objects. */
function jsonOf(item: Record<string, unknown>): Record<string, unknown> {
  const plain = (_key: string, value: unknown) =>
    value instanceof Set
      ? [...value]
      : value instanceof Uint8Array
        ? Buffer.from(value).toString("base64")
        : value;
  return JSON.parse(JSON.stringify(item, plain));
}

/** The target's item at its shard, else under the legacy key (an item not written since the shards came). */
async function getTargetItem(context: TargetStoreContext, targetId: string): Promise<TargetItem | undefined> {
  const sharded = await getItem(context, targetKey(targetId), targetId);
  if (sharded) {
    context.locations.set(targetId, "shard");
    return sharded;
  }
  const legacy = await getItem(context, legacyTargetKey(targetId), targetId);
  if (legacy) context.locations.set(targetId, "legacy");
  else context.locations.delete(targetId);
  return legacy;
}

export async function getItem(
  context: StoreContext,
  key: ItemKey,
  targetId: string,
): Promise<TargetItem | undefined> {
  const input = { TableName: context.tableName, Key: key, ConsistentRead: true };
  const failure = { action: "GetItem", tableName: context.tableName, targetId };
  const result = await withDomainErrors(failure, () => context.documents.send(new GetCommand(input)));
  return result?.Item as TargetItem | undefined;
}

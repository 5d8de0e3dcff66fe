import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { RawTargetItem, TargetListing, TargetRecord } from "@gantry/core";
import { CorruptItemError } from "./corrupt-item-error.ts";
import { withDomainErrors } from "./dynamo-errors.ts";
import type { StoreContext, TargetStoreContext } from "./store-context.ts";
import {
  type ItemKey,
  isLegacyPartition,
  legacyTargetKey,
  TARGET_PREFIX,
  targetIdOfKey,
  targetKey,
  targetPartitions,
} from "./table-keys.ts";
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

/**
 * Every target: one paginated Query per shard and one for the legacy partition, all at once, reading target
 * items only (and tombstones, dropped here), never activities. Eventually consistent, at half the read units of
 * a strong read: the listing is read every 15 s, a write from under a second ago may be missing, and a decision
 * made from such a read only loses its conditional write and is made again from a strong read (getTarget). An
 * item found both at its shard and under the legacy key is being moved (target-location.ts): the shard's copy is
 * the current one. One bad item must not hide the others: it is reported.
 */
export async function readAllTargets(context: TargetStoreContext): Promise<TargetListing> {
  const partitions = await Promise.all(targetPartitions().map((pk) => queryPartition(context, pk)));
  const items = new Map<string, TargetItem>();
  const legacy = new Set<string>();
  for (const item of partitions.flat()) {
    const id = targetIdOfKey(item.sk);
    if (isLegacyPartition(item.pk)) legacy.add(id);
    if (!items.has(id) || !isLegacyPartition(item.pk)) items.set(id, item);
  }
  const listing: TargetListing = { records: [], problems: [] };
  const ids = [...items.keys()].sort();
  for (const id of ids) collect(context, listing, items.get(id) as TargetItem);
  context.locations.clear();
  // A legacy copy beside a shard item (a move cut short) is still to be deleted: the next write finishes it.
  for (const id of items.keys()) context.locations.set(id, legacy.has(id) ? "legacy" : "shard");
  for (const id of context.configs.keys()) if (!items.has(id)) context.configs.delete(id);
  return listing;
}

async function queryPartition(context: StoreContext, pk: string): Promise<TargetItem[]> {
  const items: TargetItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const input = {
      TableName: context.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": pk, ":prefix": TARGET_PREFIX },
      ConsistentRead: false,
      ExclusiveStartKey: startKey,
    };
    const failure = { action: "Query", tableName: context.tableName };
    const page = await withDomainErrors(failure, () => context.documents.send(new QueryCommand(input)));
    items.push(...((page.Items ?? []) as TargetItem[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

function collect(context: TargetStoreContext, listing: TargetListing, item: TargetItem): void {
  try {
    const record = readTargetItem(item, context.configs);
    if (record) listing.records.push(record);
  } catch (error) {
    if (!(error instanceof CorruptItemError)) throw error;
    listing.problems.push({ targetId: targetIdOfKey(item.sk), message: error.message });
  }
}

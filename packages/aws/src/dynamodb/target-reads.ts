import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { RawTargetItem, TargetListing, TargetRecord } from "@gantry/core";
import { CorruptItemError } from "./corrupt-item-error.ts";
import { withDomainErrors } from "./dynamo-errors.ts";
import type { StoreContext } from "./store-context.ts";
import { TARGET_PREFIX, TARGETS_PARTITION, targetIdOfKey, targetKey } from "./table-keys.ts";
import { readTargetItem, type TargetItem } from "./target-items.ts";

/**
 * Strongly consistent: the reconciler reads, decides and writes back, and a stale read would only make the
 * conditional write lose. Throws CorruptItemError for an item that fails its schema.
 */
export async function readTarget(context: StoreContext, targetId: string): Promise<TargetRecord | undefined> {
  const item = await getTargetItem(context, targetId);
  return item ? readTargetItem(item) : undefined;
}

/** The item as stored, unparsed and without its keys; a tombstone is no target. */
export async function readRawTarget(
  context: StoreContext,
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

async function getTargetItem(context: StoreContext, targetId: string): Promise<TargetItem | undefined> {
  const input = { TableName: context.tableName, Key: targetKey(targetId), ConsistentRead: true };
  const failure = { action: "GetItem", tableName: context.tableName, targetId };
  const result = await withDomainErrors(failure, () => context.documents.send(new GetCommand(input)));
  return result.Item as TargetItem | undefined;
}

/**
 * Every target item lives in the one TARGETS partition, so this is a paginated Query that reads targets only
 * (and tombstones, dropped here), never activities. One bad item must not hide the others: it is reported.
 */
export async function readAllTargets(context: StoreContext): Promise<TargetListing> {
  const listing: TargetListing = { records: [], problems: [] };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await queryTargetPage(context, startKey);
    for (const item of page.items) collect(listing, item);
    startKey = page.next;
  } while (startKey);
  return listing;
}

async function queryTargetPage(context: StoreContext, startKey: Record<string, unknown> | undefined) {
  const input = {
    TableName: context.tableName,
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": TARGETS_PARTITION, ":prefix": TARGET_PREFIX },
    ConsistentRead: true,
    ExclusiveStartKey: startKey,
  };
  const failure = { action: "Query", tableName: context.tableName };
  const result = await withDomainErrors(failure, () => context.documents.send(new QueryCommand(input)));
  return { items: (result.Items ?? []) as TargetItem[], next: result.LastEvaluatedKey };
}

function collect(listing: TargetListing, item: TargetItem): void {
  try {
    const record = readTargetItem(item);
    if (record) listing.records.push(record);
  } catch (error) {
    if (!(error instanceof CorruptItemError)) throw error;
    listing.problems.push({ targetId: targetIdOfKey(item.sk), message: error.message });
  }
}

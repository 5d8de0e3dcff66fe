import { BatchGetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { mapBounded, type TargetListing, type TargetProblem, type TargetRecord } from "@gantry/core";
import { chunk } from "../chunk.ts";
import { CorruptItemError } from "./corrupt-item-error.ts";
import { withDomainErrors } from "./dynamo-errors.ts";
import type { TargetStoreContext } from "./store-context.ts";
import { isLegacyPartition, TARGET_PREFIX, targetIdOfKey, targetPartitions } from "./table-keys.ts";
import { cachedRecord, readTargetItem, type TargetItem } from "./target-items.ts";

/** Partitions queried at once: enough to hide the round trips, few enough that pages are handled as they come. */
const LISTING_CONCURRENCY = 4;
/** BatchGetItem takes at most 100 keys per call [AWS]. */
const BATCH_GET_LIMIT = 100;
/** The attributes a listing projects: what tells whether the cached parse of an item still stands. */
const STAMP = ["pk", "sk", "version", "stateVersion", "updatedAt", "deletedAt"];

interface Listed {
  legacy: boolean;
  record?: TargetRecord;
  problem?: TargetProblem;
  /** Only its stamp was read and the cache does not hold this write: read in full after the queries. */
  unread?: TargetItem;
}

/**
 * Every target: one paginated Query per shard and one for the legacy partition, a few at once, reading target
 * items only (and tombstones, dropped here), never activities. Each Query projects the items' stamps alone: an
 * item whose write the container has parsed already (most of them: the loop writes on change) costs no
 * unmarshalling and no parsing, and the others are read in full with BatchGetItem. A projection saves no read
 * units (DynamoDB charges the whole item) but most of a listing's memory and CPU: 10,000 items are ~18 MB.
 * Eventually consistent, at half the read units of a strong read: the listing is read every 15 s, a write from
 * under a second ago may be missing, and a decision made from such a read only loses its conditional write and
 * is made again from a strong read (getTarget). An item found both at its shard and under the legacy key is
 * being moved (target-location.ts): the shard's copy is the current one. A corrupt item is reported, never
 * hidden, and never hides the others.
 */
export async function readAllTargets(context: TargetStoreContext): Promise<TargetListing> {
  const listed = new Map<string, Listed>();
  const legacy = new Set<string>();
  await mapBounded(targetPartitions(), LISTING_CONCURRENCY, (pk) =>
    queryStamps(context, pk, (item) => {
      const id = targetIdOfKey(item.sk);
      const fromLegacy = isLegacyPartition(item.pk);
      if (fromLegacy) legacy.add(id);
      if (fromLegacy && listed.has(id)) return;
      listed.set(id, { legacy: fromLegacy, ...fromStamp(context, item) });
    }),
  );
  await readUnread(context, listed);
  const listing: TargetListing = { records: [], problems: [] };
  for (const id of [...listed.keys()].sort()) {
    const { record, problem } = listed.get(id) as Listed;
    if (record) listing.records.push(record);
    if (problem) listing.problems.push(problem);
  }
  // A legacy copy beside a shard item (a move cut short) is still to be deleted: the next write finishes it.
  context.locations.clear();
  for (const id of listed.keys()) context.locations.set(id, legacy.has(id) ? "legacy" : "shard");
  for (const id of context.configs.keys()) if (!listed.has(id)) context.configs.delete(id);
  return listing;
}

async function queryStamps(
  context: TargetStoreContext,
  pk: string,
  onItem: (item: TargetItem) => void,
): Promise<void> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const input = {
      TableName: context.tableName,
      KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :prefix)",
      ProjectionExpression: STAMP.map((name) => `#${name}`).join(", "),
      ExpressionAttributeNames: Object.fromEntries(STAMP.map((name) => [`#${name}`, name])),
      ExpressionAttributeValues: { ":pk": pk, ":prefix": TARGET_PREFIX },
      ConsistentRead: false,
      ExclusiveStartKey: startKey,
    };
    const failure = { action: "Query", tableName: context.tableName };
    const page = await withDomainErrors(failure, () => context.documents.send(new QueryCommand(input)));
    for (const item of (page.Items ?? []) as TargetItem[]) onItem(item);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** From the cache when it holds this write; parsed when the item came whole; else left to read in full. */
function fromStamp(context: TargetStoreContext, item: TargetItem): Omit<Listed, "legacy"> {
  if (item.deletedAt !== undefined) return {};
  const record = cachedRecord(item, context.configs);
  if (record) return { record };
  if (item.config === undefined && item.state === undefined) return { unread: item };
  return parsed(context, item);
}

/** The items the cache could not answer, 100 keys a call; keys DynamoDB leaves unprocessed are asked again. */
async function readUnread(context: TargetStoreContext, listed: Map<string, Listed>): Promise<void> {
  const keys = [...listed.values()].flatMap((l) => (l.unread ? [{ pk: l.unread.pk, sk: l.unread.sk }] : []));
  await mapBounded(chunk(keys, BATCH_GET_LIMIT), LISTING_CONCURRENCY, async (batch) => {
    let request: Record<string, unknown>[] = batch;
    for (let attempt = 0; request.length > 0; attempt++) {
      if (attempt > 0)
        await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** attempt)));
      const input = { RequestItems: { [context.tableName]: { Keys: request, ConsistentRead: false } } };
      const failure = { action: "BatchGetItem", tableName: context.tableName };
      const answer = await withDomainErrors(failure, () =>
        context.documents.send(new BatchGetCommand(input)),
      );
      for (const item of (answer.Responses?.[context.tableName] ?? []) as TargetItem[]) {
        const entry = listed.get(targetIdOfKey(item.sk));
        if (entry?.unread?.pk === item.pk)
          listed.set(targetIdOfKey(item.sk), { legacy: entry.legacy, ...parsed(context, item) });
      }
      request = answer.UnprocessedKeys?.[context.tableName]?.Keys ?? [];
    }
  });
  // Gone between the Query and the read (deleted): no longer a target.
  for (const [id, entry] of listed) if (entry.unread) listed.delete(id);
}

/** A tombstone is neither a record nor a problem. */
function parsed(context: TargetStoreContext, item: TargetItem): Omit<Listed, "legacy"> {
  try {
    const record = readTargetItem(item, context.configs);
    return record ? { record } : {};
  } catch (error) {
    if (!(error instanceof CorruptItemError)) throw error;
    return { problem: { targetId: targetIdOfKey(item.sk), message: error.message } };
  }
}

/**
 * Item layout (DESIGN §4 State):
 * - target items sit in TARGET_SHARDS partitions, `pk = TARGETS#<n>` (n a hash of the id), `sk =
 *   TARGET#<targetId>`, so listing targets is one Query per shard, in parallel, that reads target items only (a
 *   Scan would also read weeks of activities every tick), and 10,000 targets' reads and writes are spread over
 *   partitions instead of meeting one partition's 3,000 reads and 1,000 writes a second. Items written before
 *   the shards sit under `pk = TARGETS`; they are read too and move to their shard on their next write
 *   (target-location.ts);
 * - where the next full pass starts sits alone, `pk = PASS`, `sk = CURSOR`;
 * - a target's activities sit in its own partition, `pk = TARGET#<targetId>`, `sk = ACTIVITY#<activityId>`;
 *   activity ids start with the ISO start time, so the sort key orders them by time;
 * - Gantry's chart samples of a target sit in their own partition, `pk = SERIES#<targetId>`, `sk =
 *   SERIES#<window>` (epoch ms, 13 digits: the sort key orders them by time), one item per window that moved;
 * - the cluster stage's memory sits in its own partition, `pk = CAPACITY`, `sk = <capacity name>` (an Auto
 *   Scaling group or capacity provider name), one item per group.
 */
/** Where every target item was before the shards; still read, never written but to move an item out. */
export const TARGETS_PARTITION = "TARGETS";
/** Target partitions: enough that 10,000 targets are ~600 per partition. Changing it needs a migration. */
export const TARGET_SHARDS = 16;
export const TARGET_PREFIX = "TARGET#";
export const ACTIVITY_PREFIX = "ACTIVITY#";
export const CAPACITY_PARTITION = "CAPACITY";
export const SERIES_PREFIX = "SERIES#";

export function seriesPartition(targetId: string): string {
  return `${SERIES_PREFIX}${targetId}`;
}

/** A target's samples of the window starting at `window` (epoch ms, zero-padded so keys sort by time). */
export function seriesKey(targetId: string, window: number): ItemKey {
  return { pk: seriesPartition(targetId), sk: `${SERIES_PREFIX}${String(window).padStart(13, "0")}` };
}

export interface ItemKey {
  pk: string;
  sk: string;
}

export function targetKey(targetId: string): ItemKey {
  return { pk: shardPartition(shardOf(targetId)), sk: `${TARGET_PREFIX}${targetId}` };
}

/** The key a target's item had before the shards. */
export function legacyTargetKey(targetId: string): ItemKey {
  return { pk: TARGETS_PARTITION, sk: `${TARGET_PREFIX}${targetId}` };
}

/** Every partition target items may sit in: the shards, then the legacy one. */
export function targetPartitions(): string[] {
  return [...Array.from({ length: TARGET_SHARDS }, (_, n) => shardPartition(n)), TARGETS_PARTITION];
}

export function isLegacyPartition(pk: string): boolean {
  return pk === TARGETS_PARTITION;
}

function shardPartition(n: number): string {
  return `${TARGETS_PARTITION}#${n}`;
}

/** FNV-1a (32 bits) of the id's UTF-16 code units, mod TARGET_SHARDS: stable, cheap, evenly spread. */
export function shardOf(targetId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < targetId.length; i++) hash = Math.imul(hash ^ targetId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % TARGET_SHARDS;
}

/** The target id a target item's sort key names (readable even when the rest of the item is corrupt). */
export function targetIdOfKey(sk: string): string {
  return sk.startsWith(TARGET_PREFIX) ? sk.slice(TARGET_PREFIX.length) : sk;
}

export function activityPartition(targetId: string): string {
  return `${TARGET_PREFIX}${targetId}`;
}

export function activityKey(targetId: string, activityId: string): ItemKey {
  return { pk: activityPartition(targetId), sk: `${ACTIVITY_PREFIX}${activityId}` };
}

export function capacityKey(name: string): ItemKey {
  return { pk: CAPACITY_PARTITION, sk: name };
}

/** Where full passes start (the first target the last one skipped): one item, `pk = PASS`, `sk = CURSOR`. */
export function passCursorKey(): ItemKey {
  return { pk: "PASS", sk: "CURSOR" };
}

/** Backtest jobs sit in their own partition, `pk = JOBS`, `sk = <job id>`, and expire (JOB_RETENTION_SECONDS). */
export const JOBS_PARTITION = "JOBS";

export function jobKey(id: string): ItemKey {
  return { pk: JOBS_PARTITION, sk: id };
}

/**
 * Item layout (DESIGN §4 State):
 * - every target's item sits in one partition, `pk = TARGETS`, `sk = TARGET#<targetId>`, so listing targets is
 *   a Query that reads target items only (a Scan would also read weeks of activities every tick);
 * - a target's activities sit in its own partition, `pk = TARGET#<targetId>`, `sk = ACTIVITY#<activityId>`;
 *   activity ids start with the ISO start time, so the sort key orders them by time;
 * - the cluster stage's memory sits in its own partition, `pk = CAPACITY`, `sk = <capacity name>` (an Auto
 *   Scaling group or capacity provider name), one item per group.
 */
export const TARGETS_PARTITION = "TARGETS";
export const TARGET_PREFIX = "TARGET#";
export const ACTIVITY_PREFIX = "ACTIVITY#";
export const CAPACITY_PARTITION = "CAPACITY";

export interface ItemKey {
  pk: string;
  sk: string;
}

export function targetKey(targetId: string): ItemKey {
  return { pk: TARGETS_PARTITION, sk: `${TARGET_PREFIX}${targetId}` };
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

/** Backtest jobs sit in their own partition, `pk = JOBS`, `sk = <job id>`, and expire (JOB_RETENTION_SECONDS). */
export const JOBS_PARTITION = "JOBS";

export function jobKey(id: string): ItemKey {
  return { pk: JOBS_PARTITION, sk: id };
}

// What is stored under a target id, corrupt items included, for the routes that replace or delete a whole
// target: those must work on an item that no longer parses (the repair), where the others answer 409 CorruptItem.
import { CorruptItemError, NotFoundError, type TargetRecord } from "@gantry/core";
import type { ApiContext } from "./api-deps.ts";
import { expectedVersion, retryUnlessIfMatch } from "./target-writes.ts";

export type StoredTarget =
  | { kind: "absent" }
  | { kind: "record"; record: TargetRecord; version: number }
  /** `version` is the item's stored config version, which a repair writes against. */
  | { kind: "corrupt"; version: number };

/**
 * The record, or for a corrupt item its version (from the raw item). A corrupt item whose version itself is
 * unreadable cannot be written against: its CorruptItemError (409) stands, and the table needs a hand repair.
 */
export async function readStoredTarget(deps: ApiContext, targetId: string): Promise<StoredTarget> {
  try {
    const record = await deps.store.getTarget(targetId);
    return record ? { kind: "record", record, version: record.version } : { kind: "absent" };
  } catch (error) {
    if (!(error instanceof CorruptItemError)) throw error;
    const raw = await deps.store.getRawTarget(targetId);
    if (raw === undefined) return { kind: "absent" };
    if (raw.version === null) throw error;
    return { kind: "corrupt", version: raw.version };
  }
}

/** The version a write must match: If-Match when given (409 when it is not the stored one), else undefined. */
export function ifMatchOf(ifMatch: number | undefined, stored: StoredTarget): number | undefined {
  if (ifMatch === undefined) return undefined;
  return expectedVersion(ifMatch, stored.kind === "absent" ? undefined : stored);
}

/** Deletes the target, corrupt or not, against If-Match or else its current version (re-read after a lost race). */
export function deleteStoredTarget(
  deps: ApiContext,
  ifMatch: number | undefined,
  targetId: string,
): Promise<void> {
  return retryUnlessIfMatch(ifMatch, async () => {
    const stored = await readStoredTarget(deps, targetId);
    if (stored.kind === "absent") throw new NotFoundError(`target ${targetId} does not exist`);
    await deps.store.deleteTarget(targetId, expectedVersion(ifMatch, stored));
  });
}

// The writes that replace or delete a whole target: they must work on an item that no longer parses (the
// repair), where every other route answers 409 CorruptItem. So they read what is stored, corrupt items included.
import { CorruptItemError, NotFoundError, type TargetConfig, type TargetRecord } from "@gantry/core";
import {
  type ConfigWriteDeps,
  expectedVersion,
  retryUnlessIfMatch,
  saveConfig,
  validateConfig,
} from "./config-writes.ts";

export type StoredTarget =
  | { kind: "absent" }
  | { kind: "record"; record: TargetRecord; version: number }
  /** `version` is the item's stored config version, which a repair writes against. */
  | { kind: "corrupt"; version: number };

/**
 * The record, or for a corrupt item its version (from the raw item). A corrupt item whose version itself is
 * unreadable cannot be written against: its CorruptItemError (409) stands, and the table needs a hand repair.
 */
export async function readStoredTarget(
  deps: Pick<ConfigWriteDeps, "store">,
  targetId: string,
): Promise<StoredTarget> {
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

/**
 * Creates or replaces a target's whole config (validated first). With If-Match only over that version (0: create
 * only); without it whatever is there is replaced (last write wins), a corrupt item too.
 */
export async function replaceConfig(
  deps: ConfigWriteDeps,
  input: unknown,
  ifMatch: number | undefined,
): Promise<{ record: TargetRecord; created: boolean }> {
  const config: TargetConfig = validateConfig(input);
  const stored = await readStoredTarget(deps, config.target.id);
  const version = ifMatch === undefined ? undefined : expectedVersion(ifMatch, currentOf(stored));
  const previous = stored.kind === "record" ? stored.record : undefined;
  const record = await saveConfig(deps, config, version, previous);
  return { record, created: stored.kind === "absent" };
}

/** Deletes the target, corrupt or not, against If-Match or else its current version (re-read after a lost race). */
export function deleteTarget(
  deps: Pick<ConfigWriteDeps, "store">,
  targetId: string,
  ifMatch: number | undefined,
): Promise<void> {
  return retryUnlessIfMatch(ifMatch, async () => {
    const stored = await readStoredTarget(deps, targetId);
    if (stored.kind === "absent") throw new NotFoundError(`target ${targetId} does not exist`);
    await deps.store.deleteTarget(targetId, expectedVersion(ifMatch, currentOf(stored)));
  });
}

function currentOf(stored: StoredTarget): { version: number } | undefined {
  return stored.kind === "absent" ? undefined : stored;
}

// How the API changes a target's config: load, check the expected version (If-Match), validate the whole new
// config, write conditionally. Validation happens before the write, so a rejected change writes nothing.
import {
  type Clock,
  ConflictError,
  NotFoundError,
  parseWith,
  type StateStore,
  type TargetConfig,
  TargetConfigSchema,
  type TargetRecord,
  ValidationError,
} from "@gantry/core";

/** What a config write needs. */
export interface ConfigWriteDeps {
  store: StateStore;
  clock: Clock;
}

export async function requireTarget(
  deps: Pick<ConfigWriteDeps, "store">,
  targetId: string,
): Promise<TargetRecord> {
  const record = await deps.store.getTarget(targetId);
  if (!record) throw new NotFoundError(`target ${targetId} does not exist`);
  return record;
}

/**
 * The config version to write against: `wanted` (If-Match) when given (409 when it is not the current one), else
 * the current. The version counts config writes only, so a scaling pass never makes an If-Match stale.
 * 0 means "the target must not exist yet".
 */
export function expectedVersion(
  wanted: number | undefined,
  current: Pick<TargetRecord, "version"> | undefined,
): number {
  const now = current?.version ?? 0;
  if (wanted === undefined || wanted === now) return now;
  const state = current === undefined ? "does not exist" : `is at version ${now}`;
  throw new ConflictError(`If-Match: ${wanted} does not match: the target ${state}`);
}

/** Rounds of re-read and re-apply for a write without If-Match that lost to another config write. */
const UNCONDITIONAL_ATTEMPTS = 12;

/**
 * Runs a read-modify-write. With If-Match, once: a lost race is the client's 409. Without it the client asked
 * for "whatever is there now", so after a lost race (another config write in between) it re-reads and re-applies,
 * a dozen times at most.
 */
export async function retryUnlessIfMatch<T>(
  ifMatch: number | undefined,
  readAndWrite: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readAndWrite();
    } catch (error) {
      if (ifMatch !== undefined || !(error instanceof ConflictError) || attempt >= UNCONDITIONAL_ATTEMPTS) {
        throw error;
      }
      // Spread the retries so concurrent writers do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

/** The whole config, as the store would take it, plus the API's rule that names are unique per list. */
export function validateConfig(input: unknown): TargetConfig {
  const config = parseWith(TargetConfigSchema, input);
  checkUniqueNames(config.policies, "policies");
  checkUniqueNames(config.scheduledActions, "scheduledActions");
  return config;
}

function checkUniqueNames(items: readonly { name: string }[], list: string): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.name)) {
      throw new ValidationError(
        `duplicate name "${item.name}": names address items in the API`,
        `${list}[${index}].name`,
      );
    }
    seen.add(item.name);
  });
}

/** Writes `config` against `version` (undefined: last write wins) and returns the record as it now stands. */
export async function saveConfig(
  deps: ConfigWriteDeps,
  config: TargetConfig,
  version: number | undefined,
  previous: TargetRecord | undefined,
): Promise<TargetRecord> {
  const written = await deps.store.putConfig(config, version);
  const record: TargetRecord = {
    config,
    state: previous?.state,
    version: written,
    stateVersion: previous?.stateVersion ?? 0,
    updatedAt: deps.clock.now(),
  };
  if (previous?.lastDecision) record.lastDecision = previous.lastDecision;
  return record;
}

/**
 * Validates a changed copy of the stored config and writes it against If-Match (without it: against the fresh
 * version, re-applied after another config write). The first round writes against `record`, which the caller
 * read; a bad change fails there and is not retried.
 */
export function updateConfig(
  deps: ConfigWriteDeps,
  ifMatch: number | undefined,
  record: TargetRecord,
  change: (config: TargetConfig) => unknown,
): Promise<TargetRecord> {
  return writeChange(deps, ifMatch, record, change, false);
}

/** As updateConfig, but a change that changes nothing writes nothing: repeating a switch keeps the version. */
export function switchConfig(
  deps: ConfigWriteDeps,
  ifMatch: number | undefined,
  record: TargetRecord,
  change: (config: TargetConfig) => TargetConfig,
): Promise<TargetRecord> {
  return writeChange(deps, ifMatch, record, change, true);
}

async function writeChange(
  deps: ConfigWriteDeps,
  ifMatch: number | undefined,
  record: TargetRecord,
  change: (config: TargetConfig) => unknown,
  skipUnchanged: boolean,
): Promise<TargetRecord> {
  let held: TargetRecord | undefined = record;
  return retryUnlessIfMatch(ifMatch, async () => {
    const fresh = held ?? (await requireTarget(deps, record.config.target.id));
    held = undefined;
    const version = expectedVersion(ifMatch, fresh);
    const changed = change(structuredClone(fresh.config));
    if (skipUnchanged && JSON.stringify(changed) === JSON.stringify(fresh.config)) return fresh;
    return saveConfig(deps, validateConfig(changed), version, fresh);
  });
}

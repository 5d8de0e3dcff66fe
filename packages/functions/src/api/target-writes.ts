// Shared by every route that changes a target's config: load, check If-Match, validate the whole new config,
// write conditionally. Validation happens before the write, so a rejected request changes nothing.
import {
  ConflictError,
  formatServiceId,
  NotFoundError,
  parseWith,
  type TargetConfig,
  TargetConfigSchema,
  type TargetRecord,
  ValidationError,
} from "@gantry/core";
import type { ApiContext } from "./api-deps.ts";
import type { TargetParams } from "./api-schemas.ts";

export function targetIdOf(params: TargetParams): string {
  return formatServiceId(params);
}

export async function requireTarget(deps: ApiContext, targetId: string): Promise<TargetRecord> {
  const record = await deps.store.getTarget(targetId);
  if (!record) throw new NotFoundError(`target ${targetId} does not exist`);
  return record;
}

/**
 * The config version to write against: `wanted` (If-Match) when given (409 when it is not the current one), else
 * the current. The version counts config writes only, so a scaling pass never makes an If-Match stale.
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
 * for "whatever is there now", so a lost race (another config write in between) is re-read and applied again.
 * `read`, when the caller already holds the record, serves the first round.
 */
export async function withFreshRecord<T>(
  deps: ApiContext,
  ifMatch: number | undefined,
  targetId: string,
  write: (record: TargetRecord, version: number) => Promise<T>,
  read?: TargetRecord,
): Promise<T> {
  let held = read;
  return retryUnlessIfMatch(ifMatch, async () => {
    const record = held ?? (await requireTarget(deps, targetId));
    held = undefined;
    return write(record, expectedVersion(ifMatch, record));
  });
}

/** Runs `readAndWrite` once with If-Match; without it, again after each ConflictError, a dozen times at most. */
export async function retryUnlessIfMatch<T>(
  ifMatch: number | undefined,
  readAndWrite: () => Promise<T>,
): Promise<T> {
  const conditional = ifMatch !== undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await readAndWrite();
    } catch (error) {
      if (conditional || !(error instanceof ConflictError) || attempt >= UNCONDITIONAL_ATTEMPTS) throw error;
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
  deps: ApiContext,
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
 * Validate a changed copy of the stored config and write it against the request's expected version (without
 * If-Match: against the fresh version, re-applied after another config write).
 */
export async function updateConfig(
  deps: ApiContext,
  ifMatch: number | undefined,
  record: TargetRecord,
  change: (config: TargetConfig) => unknown,
): Promise<TargetRecord> {
  // The first round writes against the record the caller read; a bad request fails there and is not retried.
  const write = (fresh: TargetRecord, version: number) =>
    saveConfig(deps, validateConfig(change(structuredClone(fresh.config))), version, fresh);
  return withFreshRecord(deps, ifMatch, record.config.target.id, write, record);
}

import {
  DecisionRecordSchema,
  parseWith,
  ScalingStateSchema,
  type TargetConfig,
  TargetConfigSchema,
  type TargetRecord,
  ValidationError,
} from "@gantry/core";
import { CorruptItemError } from "./corrupt-item-error.ts";
import { targetIdOfKey } from "./table-keys.ts";

/**
 * One item per target holds its config and its decision state, each with its own version: `version` counts
 * config writes (and deletes), `stateVersion` counts state writes. A config write checks `version` only, so
 * the loop never makes a user's edit conflict; a state write checks both, so a state computed from a config
 * that has since changed cannot be saved. Items written before the split have no `stateVersion` (read as 0). The whole TargetConfig (≤ 50 policies, ≤ 200 scheduled actions) plus the bounded
 * ScalingState must fit DynamoDB's 400 KB item limit; real configs are a few KB, and a write that would not fit
 * fails with a GantryError (DynamoDbFailed) rather than being split.
 *
 * A deleted target leaves a tombstone (`deletedAt`, no config, TTL) that keeps its version counting, so a
 * re-created target never reuses a version an old writer may still hold.
 */
export interface TargetItem {
  pk: string;
  sk: string;
  config?: unknown;
  state?: unknown;
  lastDecision?: unknown;
  version?: unknown;
  stateVersion?: unknown;
  updatedAt?: unknown;
  deletedAt?: unknown;
}

/** What an item held when it was parsed, and the stamp (versions, updatedAt) it was parsed at. */
interface Parsed {
  version: number;
  stateVersion: number;
  updatedAt: number;
  config: TargetConfig;
  state: TargetRecord["state"];
  lastDecision: TargetRecord["lastDecision"];
}

/** Parsed items by target id (TargetStoreContext.configs). */
export type ConfigCache = Map<string, Parsed>;

/**
 * The record an item holds: undefined for a tombstone; CorruptItemError when it fails its schema. With a cache,
 * an item is parsed once per write: every write moves `updatedAt` (and its versions), so while they stand the
 * item is the one parsed. The loop writes only on change, so most items stand for many passes, and zod parsing
 * is most of a listing's CPU.
 */
export function readTargetItem(item: TargetItem, cache?: ConfigCache): TargetRecord | undefined {
  if (item.deletedAt !== undefined) return undefined;
  const targetId = targetIdOfKey(item.sk);
  const stamp = stampOf(targetId, item);
  const { config, state, lastDecision } = parsedItem(targetId, stamp, item, cache);
  return { config, state, ...(lastDecision && { lastDecision }), ...stamp };
}

/**
 * The record an item's stamp alone (its versions and updatedAt, as a listing projects them) gives from the
 * cache; undefined when the cache does not hold that write of the item (or the stamp is not valid).
 */
export function cachedRecord(item: TargetItem, cache: ConfigCache): TargetRecord | undefined {
  const targetId = targetIdOfKey(item.sk);
  const cached = cache.get(targetId);
  if (cached === undefined || item.deletedAt !== undefined) return undefined;
  const same =
    cached.version === item.version &&
    cached.stateVersion === (item.stateVersion ?? 0) &&
    cached.updatedAt === item.updatedAt;
  if (!same) return undefined;
  const { config, state, lastDecision, version, stateVersion, updatedAt } = cached;
  return { config, state, ...(lastDecision && { lastDecision }), version, stateVersion, updatedAt };
}

function stampOf(targetId: string, item: TargetItem): Pick<Parsed, "version" | "stateVersion" | "updatedAt"> {
  const { version, updatedAt } = item;
  if (!Number.isSafeInteger(version) || (version as number) < 1) {
    throw new CorruptItemError(targetId, `version is ${JSON.stringify(version)}`);
  }
  if (typeof updatedAt !== "number") throw new CorruptItemError(targetId, "updatedAt is not a number");
  const stateVersion = item.stateVersion ?? 0;
  if (!Number.isSafeInteger(stateVersion) || (stateVersion as number) < 0) {
    throw new CorruptItemError(targetId, `stateVersion is ${JSON.stringify(stateVersion)}`);
  }
  return { version: version as number, stateVersion: stateVersion as number, updatedAt };
}

function parsedItem(
  targetId: string,
  stamp: Pick<Parsed, "version" | "stateVersion" | "updatedAt">,
  item: TargetItem,
  cache: ConfigCache | undefined,
): Parsed {
  const cached = cache?.get(targetId);
  const same =
    cached?.version === stamp.version &&
    cached.stateVersion === stamp.stateVersion &&
    cached.updatedAt === stamp.updatedAt;
  if (cached && same) return cached;
  const config = readConfig(targetId, item.config);
  const parsed = {
    ...stamp,
    config,
    state: readState(item.state),
    lastDecision: readDecision(item.lastDecision),
  };
  // Shared by every later read of this item: frozen, so a caller that edits it in place fails loudly.
  if (cache) cache.set(targetId, deepFreeze(parsed));
  return parsed;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function readConfig(targetId: string, raw: unknown): TargetConfig {
  let config: TargetConfig;
  try {
    config = parseWith(TargetConfigSchema, raw);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new CorruptItemError(targetId, `config${error.field ? `.${error.field}` : ""}: ${error.message}`);
  }
  if (config.target.id !== targetId) {
    throw new CorruptItemError(targetId, `config names target ${config.target.id}`);
  }
  return config;
}

/**
 * A stored state the schema rejects (hand-edited, or from another Gantry's STATE_VERSION) reads as absent:
 * the core then starts fresh, as for a new target, and the next putState overwrites it. Failing instead would
 * stop the target from scaling until someone repaired the item; the store does no logging, so callers that
 * care compare `state === undefined` with their own expectations.
 */
function readState(raw: unknown): TargetRecord["state"] {
  if (raw === undefined) return undefined;
  const parsed = ScalingStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** Like the state, an unreadable last decision is only a display loss: it reads as absent. */
function readDecision(raw: unknown): TargetRecord["lastDecision"] {
  if (raw === undefined) return undefined;
  const parsed = DecisionRecordSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

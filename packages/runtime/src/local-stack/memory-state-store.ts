import {
  type Activity,
  type ActivityPage,
  type Clock,
  ConflictError,
  CorruptItemError,
  type DecisionRecord,
  DecisionRecordSchema,
  parseWith,
  type RawTargetItem,
  type ScalingState,
  ScalingStateSchema,
  type StateStore,
  type StateVersions,
  type TargetConfig,
  TargetConfigSchema,
  type TargetListing,
  type TargetRecord,
  ValidationError,
} from "@gantry/core";
import { CallLog } from "./call-log.ts";
import { readRawItem } from "./memory-raw-item.ts";

type Method = keyof StateStore;

interface Item {
  config?: TargetConfig;
  state?: ScalingState;
  lastDecision?: DecisionRecord;
  version: number;
  stateVersion: number;
  updatedAt: number;
  deleted: boolean;
  /** An item planted by putRawItem that fails its schema: what it holds and why it cannot be read. */
  corrupt?: { raw: Record<string, unknown>; problem: string };
}

/**
 * StateStore in memory, with the DynamoDB store's conditional writes: config writes need the current config
 * version (creation needs 0, and continues a deleted target's count; undefined means last write wins), state
 * writes need both the config's and the state's; a stale one throws ConflictError and changes nothing. Inputs are validated and copied like the real store's. Records calls; can fail next; `conflicts`
 * counts the writes that lost.
 */
export class MemoryStateStore implements StateStore {
  readonly fake = new CallLog<Method>();
  conflicts = 0;
  readonly #items = new Map<string, Item>();
  readonly #activities = new Map<string, Map<string, Activity>>();
  readonly #clock: Clock;

  constructor(clock: Clock = { now: () => Date.now() }) {
    this.#clock = clock;
  }

  get calls() {
    return this.fake.calls;
  }

  failNext(method: Method, error: Error): void {
    this.fake.failNext(method, error);
  }

  async listTargets(): Promise<TargetListing> {
    this.fake.enter("listTargets");
    const listing: TargetListing = { records: [], problems: [] };
    for (const id of [...this.#items.keys()].sort()) {
      const corrupt = this.#items.get(id)?.corrupt;
      const record = corrupt ? undefined : this.#record(id);
      if (corrupt) listing.problems.push({ targetId: id, message: corruptError(id, corrupt).message });
      if (record) listing.records.push(record);
    }
    return listing;
  }

  async getTarget(targetId: string): Promise<TargetRecord | undefined> {
    this.fake.enter("getTarget", targetId);
    return this.#record(targetId);
  }

  async getRawTarget(targetId: string): Promise<RawTargetItem | undefined> {
    this.fake.enter("getRawTarget", targetId);
    const item = this.#items.get(targetId);
    if (!item || item.deleted) return undefined;
    const version = Number.isSafeInteger(item.version) ? item.version : null;
    return { targetId, version, item: structuredClone(item.corrupt?.raw ?? storedForm(item)) };
  }

  /**
   * Stores an item as DynamoDB would hold it (without keys), unchecked: how a test plants a corrupt item. One that
   * reads fine becomes an ordinary target.
   */
  putRawItem(targetId: string, raw: Record<string, unknown>): void {
    const { problem, ...read } = readRawItem(targetId, raw);
    const item: Item = { ...read, deleted: false };
    if (problem !== undefined) item.corrupt = { raw: structuredClone(raw), problem };
    this.#items.set(targetId, item);
  }

  async putConfig(input: TargetConfig, expectedVersion: number | undefined): Promise<number> {
    this.fake.enter("putConfig", input, expectedVersion);
    if (expectedVersion !== undefined) checkVersion(expectedVersion);
    const config = parseWith(TargetConfigSchema, input);
    const id = config.target.id;
    const item = this.#items.get(id);
    const live = item && !item.deleted ? item : undefined;
    if (expectedVersion === undefined && live) {
      // A new config repairs a corrupt item, but nothing can be written against a version that is not one.
      if (Number.isNaN(live.version)) throw this.#conflict(`target ${id}'s stored version is unreadable`);
      const { corrupt: _repaired, ...kept } = live;
      return this.#write(id, { ...kept, config, version: live.version + 1 });
    }
    if (expectedVersion === 0 || expectedVersion === undefined) {
      if (live) throw this.#conflict(`target ${id} already exists`);
      const fresh = { config, version: (item?.version ?? 0) + 1, stateVersion: 0, deleted: false };
      return this.#write(id, fresh);
    }
    const { corrupt: _repaired, ...current } = this.#expect(id, expectedVersion);
    return this.#write(id, { ...current, config, version: expectedVersion + 1 });
  }

  async putState(
    targetId: string,
    input: ScalingState,
    expected: StateVersions,
    lastDecision?: DecisionRecord,
  ): Promise<number> {
    this.fake.enter("putState", targetId, input, expected, lastDecision);
    checkVersion(expected.version);
    checkVersion(expected.stateVersion);
    const state = parseWith(ScalingStateSchema, input);
    const decision = lastDecision === undefined ? undefined : parseWith(DecisionRecordSchema, lastDecision);
    const live = this.#expect(targetId, expected.version);
    if (live.stateVersion !== expected.stateVersion) {
      throw this.#conflict(
        `target ${targetId}'s state changed since version ${expected.stateVersion} (it is at ${live.stateVersion})`,
      );
    }
    const next: Item = { ...live, state, stateVersion: expected.stateVersion + 1 };
    if (decision) next.lastDecision = decision;
    this.#write(targetId, next);
    return next.stateVersion;
  }

  async deleteTarget(targetId: string, expectedVersion: number): Promise<void> {
    this.fake.enter("deleteTarget", targetId, expectedVersion);
    checkVersion(expectedVersion);
    this.#expect(targetId, expectedVersion);
    this.#write(targetId, { version: expectedVersion + 1, stateVersion: 0, deleted: true });
  }

  async putActivity(activity: Activity): Promise<void> {
    this.fake.enter("putActivity", activity);
    const log = this.#activities.get(activity.targetId) ?? new Map<string, Activity>();
    log.set(activity.activityId, structuredClone(activity));
    this.#activities.set(activity.targetId, log);
  }

  async listActivities(
    targetId: string,
    options: { limit?: number; cursor?: string } = {},
  ): Promise<ActivityPage> {
    this.fake.enter("listActivities", targetId, options);
    const newestFirst = [...(this.#activities.get(targetId)?.values() ?? [])].sort((a, b) =>
      a.activityId < b.activityId ? 1 : -1,
    );
    const older =
      options.cursor === undefined
        ? newestFirst
        : newestFirst.filter((a) => a.activityId < (options.cursor as string));
    const limit = options.limit ?? 50;
    const items = older.slice(0, limit).map((a) => structuredClone(a));
    const last = items.at(-1);
    return older.length > limit && last ? { items, cursor: last.activityId } : { items };
  }

  /** Every activity of a target, oldest first (a test helper, not part of the port). */
  activitiesOf(targetId: string): Activity[] {
    return [...(this.#activities.get(targetId)?.values() ?? [])].sort((a, b) =>
      a.activityId < b.activityId ? -1 : 1,
    );
  }

  #record(id: string): TargetRecord | undefined {
    const item = this.#items.get(id);
    if (item?.corrupt) throw corruptError(id, item.corrupt);
    if (!item || item.deleted || !item.config) return undefined;
    const record: TargetRecord = {
      config: item.config,
      state: item.state,
      version: item.version,
      stateVersion: item.stateVersion,
      updatedAt: item.updatedAt,
    };
    if (item.lastDecision) record.lastDecision = item.lastDecision;
    return structuredClone(record);
  }

  /** The live item at `expectedVersion`, or a ConflictError (stale version, no item, or deleted). */
  #expect(id: string, expectedVersion: number): Item {
    const item = this.#items.get(id);
    if (!item || item.deleted || item.version !== expectedVersion) {
      const now =
        item === undefined
          ? "it does not exist"
          : item.deleted
            ? "it was deleted"
            : `it is at version ${item.version}`;
      throw this.#conflict(`target ${id} changed since version ${expectedVersion} (${now})`);
    }
    return item;
  }

  #write(id: string, item: Omit<Item, "updatedAt">): number {
    this.#items.set(id, structuredClone({ ...item, updatedAt: this.#clock.now() }));
    return item.version;
  }

  #conflict(message: string): ConflictError {
    this.conflicts++;
    return new ConflictError(message);
  }
}

function corruptError(targetId: string, corrupt: NonNullable<Item["corrupt"]>): CorruptItemError {
  return new CorruptItemError(targetId, corrupt.problem);
}

/** A readable item as the DynamoDB store lays it out (stateVersion appears with the first state write). */
function storedForm(item: Item): Record<string, unknown> {
  const { config, state, lastDecision, version, stateVersion, updatedAt } = item;
  return {
    config,
    ...(state && { state }),
    ...(lastDecision && { lastDecision }),
    version,
    ...(stateVersion > 0 && { stateVersion }),
    updatedAt,
  };
}

function checkVersion(expectedVersion: number): void {
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
    throw new ValidationError("must be a non-negative integer", "expectedVersion");
  }
}

import {
  type CapacityRecord,
  type CapacityStateStore,
  ConflictError,
  type StoredCapacityRecord,
} from "@gantry/core";
import { CallLog } from "./call-log.ts";

/**
 * CapacityStateStore in memory, with the conditional writes the DynamoDB store will have: a stale version throws
 * ConflictError and changes nothing. Records calls; can fail next.
 */
export class MemoryCapacityStore implements CapacityStateStore {
  readonly fake = new CallLog<"get" | "put">();
  readonly #items = new Map<string, StoredCapacityRecord>();

  async get(name: string): Promise<StoredCapacityRecord | undefined> {
    this.fake.enter("get", name);
    const item = this.#items.get(name);
    return item && structuredClone(item);
  }

  async put(name: string, record: CapacityRecord, expectedVersion: number): Promise<number> {
    this.fake.enter("put", name, record, expectedVersion);
    const current = this.#items.get(name)?.version ?? 0;
    if (current !== expectedVersion) {
      throw new ConflictError(`capacity ${name} is at version ${current}, not ${expectedVersion}`);
    }
    this.#items.set(name, { ...structuredClone(record), version: current + 1 });
    return current + 1;
  }
}

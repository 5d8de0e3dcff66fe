// One DynamoDB table in memory: partitions by hash key, each kept sorted by range key, as Query reads them.
import { type AttributeValue, compareValues, type Item, typeOf } from "./attribute-values.ts";
import { ValidationException } from "./evaluate.ts";

export interface KeySchema {
  hash: string;
  range?: string;
}

interface Entry {
  sort: AttributeValue | undefined;
  item: Item;
}

/** Entries sorted by range key, plus an index by key text. */
interface Partition {
  entries: Entry[];
  byKey: Map<string, Entry>;
}

const keyText = (value: AttributeValue | undefined) =>
  value === undefined ? "" : `${typeOf(value)}:${value.S ?? value.N ?? value.B}`;

export class MemoryTable {
  readonly name: string;
  readonly keys: KeySchema;
  readonly #partitions = new Map<string, Partition>();

  constructor(name: string, keys: KeySchema) {
    this.name = name;
    this.keys = keys;
  }

  /** The key attributes of `item`; a ValidationException when one is missing or not a scalar. */
  keyOf(item: Item): { hash: AttributeValue; range: AttributeValue | undefined } {
    const hash = item[this.keys.hash];
    const range = this.keys.range === undefined ? undefined : item[this.keys.range];
    const scalar = (v: AttributeValue | undefined) => v !== undefined && ["S", "N", "B"].includes(typeOf(v));
    if (!scalar(hash) || (this.keys.range !== undefined && !scalar(range))) {
      throw new ValidationException("The provided key element does not match the schema");
    }
    return { hash: hash as AttributeValue, range };
  }

  get(key: Item): Item | undefined {
    const { hash, range } = this.keyOf(key);
    return this.#partitions.get(keyText(hash))?.byKey.get(keyText(range))?.item;
  }

  put(item: Item): void {
    const { hash, range } = this.keyOf(item);
    const partition = this.#partition(keyText(hash));
    const existing = partition.byKey.get(keyText(range));
    if (existing) {
      existing.item = item;
      return;
    }
    const entry = { sort: range, item };
    partition.entries.splice(this.#insertionPoint(partition.entries, range), 0, entry);
    partition.byKey.set(keyText(range), entry);
  }

  delete(key: Item): void {
    const { hash, range } = this.keyOf(key);
    const partition = this.#partitions.get(keyText(hash));
    const entry = partition?.byKey.get(keyText(range));
    if (!partition || !entry) return;
    partition.entries.splice(partition.entries.indexOf(entry), 1);
    partition.byKey.delete(keyText(range));
  }

  /** A partition's items in range-key order (or reverse), starting after `after` (an ExclusiveStartKey). */
  *partition(hash: AttributeValue, forward: boolean, after?: Item): Generator<Item> {
    const entries = this.#partitions.get(keyText(hash))?.entries ?? [];
    const afterSort = after && this.keys.range ? after[this.keys.range] : undefined;
    for (let k = 0; k < entries.length; k++) {
      const entry = entries[forward ? k : entries.length - 1 - k] as Entry;
      if (afterSort && entry.sort) {
        const cmp = compareValues(entry.sort, afterSort) ?? 0;
        if (forward ? cmp <= 0 : cmp >= 0) continue;
      }
      yield entry.item;
    }
  }

  /** Every item, partition by partition (Scan). */
  *all(): Generator<Item> {
    for (const partition of this.#partitions.values())
      for (const entry of partition.entries) yield entry.item;
  }

  /** The attributes of `item` that make its primary key (for LastEvaluatedKey). */
  primaryKey(item: Item): Item {
    const key: Item = { [this.keys.hash]: item[this.keys.hash] as AttributeValue };
    if (this.keys.range !== undefined) key[this.keys.range] = item[this.keys.range] as AttributeValue;
    return key;
  }

  #partition(text: string): Partition {
    let partition = this.#partitions.get(text);
    if (!partition) {
      partition = { entries: [], byKey: new Map() };
      this.#partitions.set(text, partition);
    }
    return partition;
  }

  #insertionPoint(entries: readonly Entry[], sort: AttributeValue | undefined): number {
    if (sort === undefined) return entries.length;
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const other = entries[mid]?.sort;
      if (other !== undefined && (compareValues(other, sort) ?? 0) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

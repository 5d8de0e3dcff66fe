import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { ConfigCache } from "./target-items.ts";

/** What every store operation needs: the document client, the table and the injected clock (epoch ms). */
export interface StoreContext {
  documents: DynamoDBDocumentClient;
  tableName: string;
  now: () => number;
}

/** The state store's context: what one store instance (a Lambda container) remembers between calls. */
export interface TargetStoreContext extends StoreContext {
  /** Parsed items by target id, reused while the item is unwritten (zod parsing is most of a read's CPU). */
  configs: ConfigCache;
  /** Where reads or writes last found each target's item: at its shard, or still under the legacy key. */
  locations: Map<string, "shard" | "legacy">;
}

export function targetStoreContext(context: StoreContext): TargetStoreContext {
  return { ...context, configs: new Map(), locations: new Map() };
}

/** Accepts a plain client too, wrapping it so that absent optional fields are simply not stored. */
export function toDocumentClient(client: DynamoDBDocumentClient | DynamoDBClient): DynamoDBDocumentClient {
  if (client instanceof DynamoDBDocumentClient) return client;
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/**
 * Stored maps are plain JSON: no `undefined`, class instances or functions, whatever the caller's client's
 * marshall options are. Items are small (≤ 400 KB), so the round trip costs little.
 */
export function toPlainJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** What every store operation needs: the document client, the table and the injected clock (epoch ms). */
export interface StoreContext {
  documents: DynamoDBDocumentClient;
  tableName: string;
  now: () => number;
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

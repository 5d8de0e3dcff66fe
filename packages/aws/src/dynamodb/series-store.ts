import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { SERIES_WINDOW_MS, type SeriesSample, type SeriesStore, samplesInRange } from "@gantry/core";
import { withDomainErrors } from "./dynamo-errors.ts";
import { toDocumentClient } from "./store-context.ts";
import { SERIES_PREFIX, seriesKey, seriesPartition } from "./table-keys.ts";

/** Chart samples are kept 15 days (the table's TTL on `expiresAt`): the charts reach back 14. */
export const SERIES_RETENTION_SECONDS = 15 * 24 * 3600;

export interface DynamoSeriesStoreOptions {
  client: DynamoDBDocumentClient | DynamoDBClient;
  /** The state table (table-keys.ts: `pk = SERIES#<targetId>`, `sk = SERIES#<minute>`). */
  tableName: string;
}

/**
 * A sample as stored: `[at, desired, running, pending, metric | null, backlog | null]`, a few dozen bytes; a
 * capacity group's adds `draining, protected`.
 */
type Row = [number, number, number, number, number | null, number | null, number?, number?];

/**
 * Gantry's chart samples in the state table: one item per target and window (≤ 5 minutes) in which something
 * moved, its samples a list the writers append to (two invocations writing one window keep both). An item of 20
 * samples stays under 1 KB (a write unit); a 3-hour chart is one Query of ≤ 180 small items.
 */
export function createDynamoSeriesStore(options: DynamoSeriesStoreOptions): SeriesStore {
  const documents = toDocumentClient(options.client);
  const TableName = options.tableName;
  return {
    async appendSamples(targetId, window, samples) {
      const input = {
        TableName,
        Key: seriesKey(targetId, window),
        UpdateExpression: "SET s = list_append(if_not_exists(s, :none), :rows), expiresAt = :expiresAt",
        ExpressionAttributeValues: {
          ":none": [],
          ":rows": samples.map(toRow),
          ":expiresAt": Math.floor(window / 1000) + SERIES_RETENTION_SECONDS,
        },
      };
      const failure = { action: "UpdateItem", tableName: TableName, targetId };
      await withDomainErrors(failure, () => documents.send(new UpdateCommand(input)));
    },
    async readSamples(targetId, { from, to }) {
      const failure = { action: "Query", tableName: TableName, targetId };
      const pk = seriesPartition(targetId);
      // A bucket's key is at most SERIES_WINDOW_MS before its samples: those from `from` on are in the buckets
      // keyed from `from − SERIES_WINDOW_MS`; the newest bucket before those holds what held at `from`.
      const start = seriesKey(targetId, Math.max(0, from - SERIES_WINDOW_MS)).sk;
      const before = await withDomainErrors(failure, () =>
        documents.send(
          new QueryCommand({
            TableName,
            KeyConditionExpression: "pk = :pk AND sk BETWEEN :first AND :start",
            ExpressionAttributeValues: { ":pk": pk, ":first": SERIES_PREFIX, ":start": start },
            ScanIndexForward: false,
            Limit: 2,
          }),
        ),
      );
      const rows: Row[] = [];
      for (const item of before.Items ?? []) rows.push(...((item.s as Row[] | undefined) ?? []));
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await withDomainErrors(failure, () =>
          documents.send(
            new QueryCommand({
              TableName,
              KeyConditionExpression: "pk = :pk AND sk BETWEEN :start AND :end",
              ExpressionAttributeValues: { ":pk": pk, ":start": start, ":end": seriesKey(targetId, to).sk },
              ExclusiveStartKey: startKey,
            }),
          ),
        );
        for (const item of page.Items ?? []) rows.push(...((item.s as Row[] | undefined) ?? []));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return samplesInRange(rows.map(fromRow), from, to);
    },
  };
}

function toRow(s: SeriesSample): Row {
  const row: Row = [s.at, s.desired, s.running, s.pending, s.metric ?? null, s.backlog ?? null];
  if (s.draining !== undefined) row.push(s.draining, s.protected ?? 0);
  return row;
}

function fromRow([at, desired, running, pending, metric, backlog, draining, kept]: Row): SeriesSample {
  const sample: SeriesSample = { at, desired, running, pending };
  if (metric !== null && metric !== undefined) sample.metric = metric;
  if (backlog !== null && backlog !== undefined) sample.backlog = backlog;
  if (typeof draining === "number") sample.draining = draining;
  if (typeof kept === "number") sample.protected = kept;
  return sample;
}

import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import type { SeriesSample } from "@gantry/core";
import { type DynaliteTestServer, startDynaliteTestServer } from "@gantry/testing/dynalite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDynamoSeriesStore, SERIES_RETENTION_SECONDS } from "./series-store.ts";
import { seriesKey } from "./table-keys.ts";

let server: DynaliteTestServer;
let series: ReturnType<typeof createDynamoSeriesStore>;
const T0 = Date.UTC(2027, 0, 4, 12, 0, 0);
const MIN = 60_000;
const sample = (at: number, desired: number, extra: Partial<SeriesSample> = {}): SeriesSample => ({
  at,
  desired,
  running: desired,
  pending: 0,
  ...extra,
});

beforeAll(async () => {
  server = await startDynaliteTestServer("gantry-series-test");
  series = createDynamoSeriesStore({ client: server.client, tableName: server.tableName });
});
afterAll(() => server?.close());

describe("DynamoDB series store", () => {
  it("appends to a minute's item (two writers keep both) and expires it after 15 days", async () => {
    const id = "service/prod/a";
    await series.appendSamples(id, T0, [sample(T0 + 5_000, 2, { metric: 41.5, backlog: 7 })]);
    await series.appendSamples(id, T0, [sample(T0 + 50_000, 3)]);
    const got = await series.readSamples(id, { from: T0, to: T0 + MIN });
    expect(got).toEqual([sample(T0 + 5_000, 2, { metric: 41.5, backlog: 7 }), sample(T0 + 50_000, 3)]);
    const item = await DynamoDBDocumentClient.from(server.client).send(
      new GetCommand({ TableName: server.tableName, Key: seriesKey(id, T0) }),
    );
    expect(item.Item?.expiresAt).toBe(T0 / 1000 + SERIES_RETENTION_SECONDS);
  });

  it("reads a window with the last sample before it, oldest first, and nothing past its end", async () => {
    const id = "service/prod/b";
    await series.appendSamples(id, T0 - 30 * MIN, [sample(T0 - 30 * MIN, 1)]);
    await series.appendSamples(id, T0 - 10 * MIN, [sample(T0 - 10 * MIN + 15_000, 2)]);
    await series.appendSamples(id, T0 + 2 * MIN, [sample(T0 + 2 * MIN + 30_000, 4), sample(T0 + 2 * MIN, 3)]);
    await series.appendSamples(id, T0 + 9 * MIN, [sample(T0 + 9 * MIN, 9)]);
    const got = await series.readSamples(id, { from: T0, to: T0 + 5 * MIN });
    expect(got.map((s) => [s.at - T0, s.desired])).toEqual([
      [-10 * MIN + 15_000, 2],
      [2 * MIN, 3],
      [2 * MIN + 30_000, 4],
    ]);
  });

  it("finds a window's samples from its key on, though the key is before the range", async () => {
    const id = "service/prod/c";
    await series.appendSamples(id, T0 - 4 * MIN, [sample(T0 - 3 * MIN, 1), sample(T0 + 30_000, 2)]);
    const got = await series.readSamples(id, { from: T0, to: T0 + MIN });
    expect(got.map((s) => [s.at - T0, s.desired])).toEqual([
      [-3 * MIN, 1],
      [30_000, 2],
    ]);
  });

  it("reads nothing for a target without samples, and keeps targets apart", async () => {
    expect(await series.readSamples("service/prod/none", { from: T0 - 60 * MIN, to: T0 + 60 * MIN })).toEqual(
      [],
    );
    const a = await series.readSamples("service/prod/a", { from: T0 - 60 * MIN, to: T0 + 60 * MIN });
    expect(a.map((s) => s.desired)).toEqual([2, 3]);
  });
});

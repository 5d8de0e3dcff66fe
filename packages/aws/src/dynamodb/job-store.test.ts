import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { type BacktestJob, ConflictError, NotFoundError } from "@gantry/core";
import { sampleConfig } from "@gantry/testing";
import { type DynaliteTestServer, startDynaliteTestServer } from "@gantry/testing/dynalite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDynamoStateStore } from "./dynamo-state-store.ts";
import { createDynamoJobStore, JOB_RETENTION_SECONDS } from "./job-store.ts";
import { jobKey } from "./table-keys.ts";

let server: DynaliteTestServer;
let jobs: ReturnType<typeof createDynamoJobStore>;
let serial = 0;
const CREATED = 1_800_000_000_000;

/** A job with what a backtest of two weeks of minutes stores: its input is one JSON string attribute. */
function sampleJob(minutes = 60): BacktestJob {
  const counts = Array.from({ length: minutes }, (_, i) => 100 + (i % 900));
  const trace = {
    name: "history:jobs",
    description: "d",
    bucketSeconds: 60,
    counts,
    startTime: "2027-01-01",
  };
  return {
    id: `job-${++serial}`,
    targetId: "service/prod/worker",
    status: "Pending",
    progress: 0,
    createdAt: CREATED,
    updatedAt: CREATED,
    input: { config: sampleConfig("service/prod/worker"), options: {}, trace: { recorded: trace } },
  };
}

async function rawItem(id: string) {
  const result = await DynamoDBDocumentClient.from(server.client).send(
    new GetCommand({ TableName: server.tableName, Key: jobKey(id), ConsistentRead: true }),
  );
  return result.Item;
}

beforeAll(async () => {
  server = await startDynaliteTestServer("gantry-jobs-test");
  jobs = createDynamoJobStore({ client: server.client, tableName: server.tableName });
});
afterAll(() => server?.close());

describe("DynamoDB job store", () => {
  it("round-trips a job in the JOBS partition, input as one JSON string, expiring a week after creation", async () => {
    const job = sampleJob();
    expect(await jobs.get(job.id)).toBeUndefined();
    await jobs.create(job);
    expect(await jobs.get(job.id)).toEqual(job);
    const item = await rawItem(job.id);
    expect(item).toMatchObject({ pk: "JOBS", sk: job.id, status: "Pending", progress: 0 });
    expect(typeof item?.input).toBe("string");
    expect(item?.expiresAt).toBe(CREATED / 1000 + JOB_RETENTION_SECONDS);
  });

  it("holds a two-week trace of minutes in one item (under DynamoDB's 400 KB)", async () => {
    const job = sampleJob(14 * 24 * 60);
    await jobs.create(job);
    expect(await jobs.get(job.id)).toEqual(job);
  });

  it("refuses a second job under the same id with ConflictError, leaving the first", async () => {
    const job = sampleJob();
    await jobs.create(job);
    await expect(jobs.create({ ...job, targetId: "service/prod/other" })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await jobs.get(job.id))?.targetId).toBe("service/prod/worker");
  });

  it("updates status, progress, report and error, stamping updatedAt, and answers the job as it now stands", async () => {
    const job = sampleJob();
    await jobs.create(job);
    const running = await jobs.update(job.id, { status: "Running", progress: 0 }, CREATED + 1_000);
    expect(running).toEqual({ ...job, status: "Running", progress: 0, updatedAt: CREATED + 1_000 });
    await jobs.update(job.id, { progress: 0.3 }, CREATED + 2_000);
    const report = { scaler: "gantry", withinSloPct: 99.5, costRatio: null };
    const done = await jobs.update(job.id, { status: "Succeeded", progress: 1, report }, CREATED + 3_000);
    expect(done).toEqual({ ...job, status: "Succeeded", progress: 1, report, updatedAt: CREATED + 3_000 });
    expect(await jobs.get(job.id)).toEqual(done);
    expect(typeof (await rawItem(job.id))?.report).toBe("string");

    const failed = sampleJob();
    await jobs.create(failed);
    const error = {
      code: "UpstreamFailed",
      message: "the backtest function could not be started",
      field: null,
    };
    expect(await jobs.update(failed.id, { status: "Failed", error }, CREATED + 500)).toMatchObject({
      status: "Failed",
      error,
    });
    expect((await jobs.get(failed.id))?.error).toEqual(error);
  });

  it("answers NotFoundError for an update of a job that is gone, and creates nothing", async () => {
    await expect(jobs.update("job-gone", { progress: 0.5 }, CREATED)).rejects.toBeInstanceOf(NotFoundError);
    expect(await rawItem("job-gone")).toBeUndefined();
  });

  it("reads a stored job that lost its fields as CorruptItem", async () => {
    await DynamoDBDocumentClient.from(server.client).send(
      new PutCommand({ TableName: server.tableName, Item: { ...jobKey("job-bad"), status: "Pending" } }),
    );
    await expect(jobs.get("job-bad")).rejects.toMatchObject({ code: "CorruptItem" });
  });

  it("shares the state table with targets without either seeing the other", async () => {
    const store = createDynamoStateStore({ client: server.client, tableName: server.tableName });
    await store.putConfig(sampleConfig("service/prod/worker"), 0);
    const listing = await store.listTargets();
    expect(listing.records.map((r) => r.config.target.id)).toEqual(["service/prod/worker"]);
    expect(listing.problems).toEqual([]);
  });
});

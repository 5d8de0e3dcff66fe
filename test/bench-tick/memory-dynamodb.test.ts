// The bench's in-memory DynamoDB, checked through the real state store (its conditional writes, queries and
// activity pages) and directly on the expression semantics and request units the store's costs depend on.
import { createAwsClients, createDynamoStateStore } from "@gantry/aws";
import { type Activity, ConflictError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { respond } from "../../packages/functions/bench/tick/backend/aws-error.ts";
import { InFlightCalls } from "../../packages/functions/bench/tick/backend/in-flight.ts";
import { Latency } from "../../packages/functions/bench/tick/backend/latency.ts";
import { installBackend } from "../../packages/functions/bench/tick/backend/sdk-backend.ts";
import { Usage } from "../../packages/functions/bench/tick/backend/usage.ts";
import { dynamoBackend } from "../../packages/functions/bench/tick/dynamo/dynamo-backend.ts";
import { plannedTarget, targetConfig } from "../../packages/functions/bench/tick/fleet/fleet-plan.ts";

function table() {
  const usage = new Usage();
  const dynamo = dynamoBackend(usage);
  dynamo.createTable("state", { hash: "pk", range: "sk" });
  const call = (operation: string, input: unknown) => {
    usage.count(`dynamodb:${operation}`);
    return dynamo.handler(operation, input as Record<string, unknown>) as Record<string, unknown>;
  };
  return { usage, dynamo, call };
}

function store() {
  const { usage, dynamo } = table();
  const clients = createAwsClients({
    region: "us-east-1",
    credentials: { accessKeyId: "A", secretAccessKey: "s" },
  });
  const latency = new Latency(0);
  latency.enabled = false;
  const aws = {
    call: async (_service: string, operation: string, body: string) =>
      respond(dynamo.handler, operation, body),
  };
  installBackend(clients.dynamoDb, "dynamodb", "application/x-amz-json-1.0", {
    aws,
    latency,
    now: Date.now,
    sleep: async () => {},
    inFlight: new InFlightCalls(0),
  });
  return { usage, store: createDynamoStateStore({ client: clients.dynamoDb, tableName: "state" }) };
}

const spec = { targets: 4, seed: 1, startMs: 0, minutes: 1 };
const config = (i: number) => targetConfig(plannedTarget(spec, i));

describe("the in-memory DynamoDB under the real state store", () => {
  it("creates, lists and reads targets, and refuses a write against a stale version", async () => {
    const { store: s } = store();
    for (const i of [0, 1, 2]) expect(await s.putConfig(config(i), 0)).toBe(1);
    expect(await s.putConfig(config(1), 1)).toBe(2);
    await expect(s.putConfig(config(1), 1)).rejects.toBeInstanceOf(ConflictError);
    const listed = await s.listTargets();
    expect(listed.records.map((r) => [r.config.target.id, r.version])).toEqual(
      [
        [config(1).target.id, 2],
        [config(0).target.id, 1],
        [config(2).target.id, 1],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect((await s.getTarget(config(2).target.id))?.config).toEqual(config(2));
  });

  it("pages activities newest first", async () => {
    const { store: s } = store();
    const targetId = config(0).target.id;
    const activity = (minute: number): Activity => ({
      targetId,
      activityId: `2026-01-05T10:${String(minute).padStart(2, "0")}:00.000Z#abcd`,
      startTime: Date.UTC(2026, 0, 5, 10, minute),
      status: "Successful",
      statusMessage: "ok",
      action: "ScaleOut",
      fromCapacity: 1,
      toCapacity: 2,
      reasons: [],
      dryRun: false,
      cause: "schedule",
    });
    for (const minute of [1, 3, 2]) await s.putActivity(activity(minute));
    const first = await s.listActivities(targetId, { limit: 2 });
    expect(first.items.map((a) => a.startTime)).toEqual([activity(3).startTime, activity(2).startTime]);
    const next = await s.listActivities(targetId, { limit: 2, cursor: first.cursor });
    expect(next.items.map((a) => a.startTime)).toEqual([activity(1).startTime]);
    expect(next.cursor).toBeUndefined();
  });
});

describe("the in-memory DynamoDB's semantics", () => {
  const key = { pk: { S: "P" }, sk: { S: "a" } };

  it("evaluates updates against the item as it was, with if_not_exists, arithmetic and REMOVE", () => {
    const { call } = table();
    call("PutItem", {
      TableName: "state",
      Item: { ...key, n: { N: "5" }, gone: { S: "x" }, m: { M: { inner: { N: "1" } } } },
    });
    const out = call("UpdateItem", {
      TableName: "state",
      Key: key,
      UpdateExpression: "SET #n = #n + :one, #c = if_not_exists(#c, :zero) + :one, m.inner = #n REMOVE gone",
      ExpressionAttributeNames: { "#n": "n", "#c": "count" },
      ExpressionAttributeValues: { ":one": { N: "1" }, ":zero": { N: "0" } },
      ReturnValues: "ALL_NEW",
    });
    expect(out.Attributes).toEqual({
      ...key,
      n: { N: "6" },
      count: { N: "1" },
      m: { M: { inner: { N: "5" } } },
    });
  });

  it("fails a condition like DynamoDB, returning the old item when asked, and still bills the write", () => {
    const { call, usage } = table();
    call("PutItem", { TableName: "state", Item: { ...key, v: { N: "2" } } });
    const units = usage.writeUnits;
    const attempt = () =>
      call("PutItem", {
        TableName: "state",
        Item: { ...key, v: { N: "3" } },
        ConditionExpression: "attribute_not_exists(pk) OR (v BETWEEN :lo AND :hi AND NOT v IN (:two))",
        ExpressionAttributeValues: { ":lo": { N: "1" }, ":hi": { N: "9" }, ":two": { N: "2" } },
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      });
    expect(attempt).toThrow(
      expect.objectContaining({
        type: expect.stringMatching(/ConditionalCheckFailedException$/),
        extra: { Item: { ...key, v: { N: "2" } } },
      }),
    );
    expect(usage.writeUnits).toBe(units + 1);
  });

  it("bills reads per 4 KB (half when eventually consistent) and writes per 1 KB", () => {
    const { call, usage } = table();
    call("PutItem", { TableName: "state", Item: { ...key, blob: { S: "x".repeat(5_000) } } });
    expect(usage.writeUnits).toBe(5);
    call("GetItem", { TableName: "state", Key: key, ConsistentRead: true });
    call("GetItem", { TableName: "state", Key: key });
    expect(usage.readUnits).toBe(2 + 1);
  });

  it("writes a transaction all or nothing, at twice the units", () => {
    const { call, usage } = table();
    const other = { pk: { S: "P" }, sk: { S: "b" } };
    const transact = (condition: string) =>
      call("TransactWriteItems", {
        TransactItems: [
          { Put: { TableName: "state", Item: { ...key, v: { N: "1" } } } },
          { Put: { TableName: "state", Item: { ...other, v: { N: "1" } }, ConditionExpression: condition } },
        ],
      });
    expect(() => transact("attribute_exists(pk)")).toThrow(
      expect.objectContaining({ type: expect.stringMatching(/TransactionCanceledException$/) }),
    );
    expect(call("GetItem", { TableName: "state", Key: key }).Item).toBeUndefined();
    transact("attribute_not_exists(pk)");
    expect(call("GetItem", { TableName: "state", Key: other }).Item).toEqual({ ...other, v: { N: "1" } });
    expect(usage.writeUnits).toBe(4);
  });
});

import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { ConflictError, GantryError, NotFoundError, ThrottledError } from "@gantry/core";
import { sampleActivity, sampleState } from "@gantry/testing";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { createDynamoStateStore } from "./dynamo-state-store.ts";
import { targetKey } from "./table-keys.ts";

// The mock answers every call: nothing leaves the process, and the fake credentials are never used.
process.env.AWS_EC2_METADATA_DISABLED = "true";
const documents = mockClient(DynamoDBDocumentClient);
const client = new DynamoDBClient({
  region: "us-east-1",
  credentials: { accessKeyId: "x", secretAccessKey: "x" },
});
const store = createDynamoStateStore({ client, tableName: "gantry-state" });

function named(name: string, message = `${name} happened`): Error {
  return Object.assign(new Error(message), { name });
}

beforeEach(() => documents.reset());

describe("DynamoDB errors become domain errors", () => {
  it.each([
    new ProvisionedThroughputExceededException({ message: "slow down", $metadata: {} }),
    named("ThrottlingException"),
    named("RequestLimitExceeded"),
  ])("throttling ($name) → ThrottledError", async (error) => {
    documents.on(GetCommand).rejects(error);
    await expect(store.getTarget("service/a/b")).rejects.toThrow(ThrottledError);
  });

  it("a missing table → NotFoundError naming the table", async () => {
    documents.on(QueryCommand).rejects(new ResourceNotFoundException({ message: "no table", $metadata: {} }));
    await expect(store.listTargets()).rejects.toThrow(NotFoundError);
    await expect(store.listTargets()).rejects.toThrow(/table gantry-state not found/);
  });

  it("a failed condition → ConflictError, with the winning version when DynamoDB returns the item", async () => {
    const item = { version: { N: "7" } };
    documents
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: "no", $metadata: {}, Item: item }));
    const expected = { version: 5, stateVersion: 2 };
    const error = await store.putState("service/a/b", sampleState(1), expected).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe(
      "target service/a/b changed since version 5, state version 2 (it is at version 7)",
    );
  });

  it("a failed condition on a deleted target says so", async () => {
    const item = { version: { N: "8" }, deletedAt: { N: "1" } };
    documents
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: "no", $metadata: {}, Item: item }));
    await expect(store.deleteTarget("service/a/b", 7)).rejects.toThrow(/since version 7 \(it was deleted\)$/);
  });

  it("anything else → GantryError naming the action, with the cause", async () => {
    const cause = named("InternalServerError", "boom");
    documents.on(PutCommand).rejects(cause);
    const error = await store.putActivity(sampleActivity("service/a/b", 1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GantryError);
    expect(error).toMatchObject({
      code: "DynamoDbFailed",
      message: "dynamodb:PutItem failed: InternalServerError: boom",
      cause,
    });
  });

  it("sends state updates conditional on the config's and the state's versions", async () => {
    documents.on(UpdateCommand).resolves({ Attributes: { stateVersion: 5 } });
    expect(await store.putState("service/a/b", sampleState(1), { version: 3, stateVersion: 4 })).toBe(5);
    const input = documents.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      TableName: "gantry-state",
      Key: targetKey("service/a/b"),
      ConditionExpression:
        "#version = :expected AND attribute_not_exists(#deletedAt) AND #stateVersion = :expectedState",
      ExpressionAttributeValues: expect.objectContaining({
        ":expected": 3,
        ":expectedState": 4,
        ":nextState": 5,
      }),
    });
    expect(input?.UpdateExpression).not.toMatch(/#version =/);
  });
});

import "@gantry/testing/test-env";
import { ECSClient } from "@aws-sdk/client-ecs";
import { DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { captureOutput, lambdaContext } from "@gantry/testing";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { apiEvent } from "./support/api-world.ts";

// The module-level handler as Lambda runs it: dependencies from the environment on first request, SDK mocked.
const saved = { ...process.env };
Object.assign(process.env, {
  AWS_REGION: "eu-west-1",
  AWS_ACCESS_KEY_ID: "AKIAFAKEFAKEFAKEFAKE",
  AWS_SECRET_ACCESS_KEY: "fake-secret-key-for-tests",
  POWERTOOLS_METRICS_DISABLED: "true",
});
delete process.env.TABLE_NAME;
afterAll(() => {
  process.env = saved;
});

const documents = mockClient(DynamoDBDocumentClient);
const ecs = mockClient(ECSClient);
beforeEach(() => {
  documents.reset();
  ecs.reset();
  documents.on(QueryCommand).resolves({ Items: [] });
});

const { handler } = await import("@gantry/functions/api");
const context = lambdaContext({ remainingMs: 30_000 });

describe("the api handler from the environment", () => {
  it("answers 500 InternalError, logged, while TABLE_NAME is unset", async () => {
    const { result, lines } = await captureOutput(() =>
      handler(apiEvent({ method: "GET", path: "/targets" }), context),
    );
    expect(result).toMatchObject({ statusCode: 500 });
    expect(JSON.parse(String((result as { body: string }).body)).error.code).toBe("InternalError");
    expect(lines.some((line) => line.level === "ERROR" && JSON.stringify(line).includes("TABLE_NAME"))).toBe(
      true,
    );
    expect(documents.calls()).toHaveLength(0);
  });

  it("reads the table named by TABLE_NAME once it is set", async () => {
    process.env.TABLE_NAME = "gantry-test";
    const { result } = await captureOutput(() =>
      handler(apiEvent({ method: "GET", path: "/targets" }), context),
    );
    expect(result).toMatchObject({ statusCode: 200 });
    expect(JSON.parse(String((result as { body: string }).body))).toEqual({
      items: [],
      stale: false,
      problems: [],
    });
    expect(documents.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      TableName: "gantry-test",
    });
    expect(ecs.calls()).toHaveLength(0);
  });
});

import "@gantry/testing/test-env";
import { DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { TARGET_SHARDS } from "@gantry/aws";
import { captureOutput, lambdaContext } from "@gantry/testing";
import fixture from "@gantry/testing/alarm-state-change.json" with { type: "json" };
import { mockAwsClients, useLambdaEnv } from "@gantry/testing/lambda-aws-mocks";
import { beforeEach, describe, expect, it } from "vitest";

// The module-level handlers as Lambda runs them: dependencies built from the environment on first invocation,
// with every SDK client mocked. Region and static fake credentials come from the environment, as in Lambda.
useLambdaEnv();
delete process.env.TABLE_NAME;
const { documents, dynamo, ecs, cloudWatch, events, sqs, autoScaling, reset } = mockAwsClients();

beforeEach(() => {
  reset();
  documents.on(QueryCommand).resolves({ Items: [] });
  cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
});

const { handler: tick } = await import("./tick.ts");
const { handler: alarm } = await import("./alarm.ts");

describe("tick handler from the environment", () => {
  it("fails the first invocation with an error naming TABLE_NAME when it is unset", async () => {
    const run = captureOutput(() => tick({}, lambdaContext({ remainingMs: 60_000 })));
    await expect(run).rejects.toMatchObject({ code: "BadEnvironment", field: "TABLE_NAME" });
    expect(documents.calls()).toHaveLength(0);
  });

  it("queries the table named by TABLE_NAME and, with no targets, calls no ECS or capacity API", async () => {
    process.env.TABLE_NAME = "gantry-test";
    const { result } = await captureOutput(() => tick({}, lambdaContext({ remainingMs: 60_000 })));
    expect(result).toEqual({ passes: 1, outcomes: {} });
    // One Query per target shard and one for items written before the shards.
    const queries = documents.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(queries).toHaveLength(TARGET_SHARDS + 1);
    for (const query of queries)
      expect(query).toMatchObject({ TableName: "gantry-test", ConsistentRead: false });
    expect(ecs.calls()).toHaveLength(0);
    expect(sqs.calls()).toHaveLength(0);
    expect(events.calls()).toHaveLength(0);
    expect(dynamo.calls()).toHaveLength(0);
    // Stage 2 is wired but runs only for targets with a `capacity` block: no group read, no CAPACITY item read.
    expect(autoScaling.calls()).toHaveLength(0);
    // The one item read: where the pass starts (the pass cursor).
    const reads = documents.commandCalls(GetCommand).map((call) => call.args[0].input.Key);
    expect(reads).toEqual([{ pk: "PASS", sk: "CURSOR" }]);
    expect(documents.commandCalls(UpdateCommand)).toHaveLength(0);
    // Only tick syncs the managed alarms: with no targets it lists gantry- alarms and finds none to delete.
    expect(cloudWatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(1);
  });
});

describe("alarm handler from the environment", () => {
  it("looks the alarm up among the stored targets and ignores it when none owns it", async () => {
    process.env.TABLE_NAME = "gantry-test";
    const { result } = await captureOutput(() => alarm(fixture, lambdaContext({ remainingMs: 30_000 })));
    expect(result).toEqual({
      ignored: `alarm ${fixture.detail.alarmName} belongs to no target (an orphan?)`,
    });
    expect(documents.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      TableName: "gantry-test",
    });
    expect(ecs.calls()).toHaveLength(0);
    expect(cloudWatch.calls()).toHaveLength(0);
  });
});

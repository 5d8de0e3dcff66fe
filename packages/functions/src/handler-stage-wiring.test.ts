import "@gantry/testing/test-env";
import { DeleteAlarmsCommand, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { captureOutput, lambdaContext } from "@gantry/testing";
import fixture from "@gantry/testing/alarm-state-change.json" with { type: "json" };
import { mockAwsClients, useLambdaEnv } from "@gantry/testing/lambda-aws-mocks";
import { beforeEach, describe, expect, it } from "vitest";

// The module-level handlers of a deployment whose stage is `dev` (GANTRY_STAGE, set by infra to `$app.stage`),
// in an account that `prod` shares. A separate file: the handlers cache the dependencies built from the
// environment on their first invocation.
useLambdaEnv({ TABLE_NAME: "gantry-test", GANTRY_STAGE: "dev" });
const { documents, cloudWatch, reset } = mockAwsClients();

const HASH = "0123456789ab";

beforeEach(() => {
  reset();
  documents.on(QueryCommand).resolves({ Items: [] });
});

const { handler: tick } = await import("./tick.ts");
const { handler: alarm } = await import("./alarm.ts");

describe("a staged deployment's handlers", () => {
  it("tick lists only gantry-dev- alarms and deletes only dev's orphans, never prod's", async () => {
    cloudWatch.on(DescribeAlarmsCommand).resolves({
      // A prefix cannot tell `dev` from `dev-a`: CloudWatch returns both, the sync keeps only dev's.
      MetricAlarms: [{ AlarmName: `gantry-dev-${HASH}-old` }, { AlarmName: `gantry-dev-a-${HASH}-theirs` }],
    });
    cloudWatch.on(DeleteAlarmsCommand).resolves({});
    await captureOutput(() => tick({}, lambdaContext({ remainingMs: 60_000 })));
    expect(cloudWatch.commandCalls(DescribeAlarmsCommand)[0]?.args[0].input).toMatchObject({
      AlarmNamePrefix: "gantry-dev-",
    });
    const deletes = cloudWatch.commandCalls(DeleteAlarmsCommand);
    expect(deletes.map((call) => call.args[0].input.AlarmNames)).toEqual([[`gantry-dev-${HASH}-old`]]);
  });

  it("alarm ignores another stage's alarm without reading the targets", async () => {
    const name = `gantry-prod-${HASH}-worker-backlog-high`;
    const event = { ...fixture, detail: { ...fixture.detail, alarmName: name } };
    const { result } = await captureOutput(() => alarm(event, lambdaContext({ remainingMs: 30_000 })));
    expect(result).toEqual({ ignored: `alarm ${name} belongs to stage prod; this is stage dev` });
    expect(documents.commandCalls(QueryCommand)).toHaveLength(0);
  });
});

import "@gantry/testing/test-env";
import { SetDesiredCapacityCommand, SetInstanceProtectionCommand } from "@aws-sdk/client-auto-scaling";
import { DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import {
  captureOutput,
  GROUP,
  INSTANCE_ID,
  lambdaContext,
  mockGroup,
  mockQueue,
  mockService,
  SERVICE_ID,
  targetItem,
  workerTarget,
} from "@gantry/testing";
import { mockAwsClients, useLambdaEnv } from "@gantry/testing/lambda-aws-mocks";
import { beforeEach, describe, expect, it } from "vitest";

// The module-level tick handler, dependencies built from the environment, running stage 1 (the service) and
// stage 2 (the EC2 capacity under it) in one invocation, with every SDK client mocked. A separate file from
// handler-wiring.test.ts: the handler caches its dependencies, so the first invocation here must find TABLE_NAME.
useLambdaEnv({ TABLE_NAME: "gantry-test" });
const { documents, ecs, cloudWatch, events, sqs, autoScaling, reset } = mockAwsClients();

const CAPACITY = { mode: "asg", name: GROUP, maxInstances: 10 } as const;

/** The state table holds `config` at version 3; writes succeed; the CAPACITY item does not exist yet. */
function storeTarget(config: ReturnType<typeof workerTarget>): void {
  documents.on(QueryCommand).resolves({ Items: [targetItem(config, 3, Date.now() - 600_000)] });
  documents.on(GetCommand).resolves({});
  documents.on(UpdateCommand).resolves({});
  documents.on(PutCommand).resolves({});
}

beforeEach(() => {
  reset();
  cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
  events
    .on(PutEventsCommand)
    .resolves({ FailedEntryCount: 0, Entries: [{ EventId: "e1" }, { EventId: "e2" }] });
  // 100 messages at 10 per task: stage 1 raises the service from 2 tasks to 10.
  mockQueue(sqs, 100);
  mockService(ecs, 2);
});

const { handler: tick } = await import("./tick.ts");

describe("tick handler with a capacity block, from the environment", () => {
  it("raises the service, then the group's desired capacity, in one invocation", async () => {
    storeTarget(workerTarget(CAPACITY));
    // The group's one instance (2 vCPU) is full with the service's 2 tasks of 1 vCPU.
    mockGroup(autoScaling, ecs, { tasks: 2, maxSize: 10, now: Date.now() });

    const { result, lines } = await captureOutput(() => tick({}, lambdaContext({ remainingMs: 60_000 })));

    // Stage 1: the service's desired count, 2 → 10.
    const [update] = ecs.commandCalls(UpdateServiceCommand);
    expect(update?.args[0].input).toEqual({ cluster: "prod", service: "worker", desiredCount: 10 });
    // Stage 2: 10 tasks of 1 vCPU on 2-vCPU instances need 5; the group is raised from 1 to 5.
    const [setDesired, ...more] = autoScaling.commandCalls(SetDesiredCapacityCommand);
    expect(more).toEqual([]);
    expect(setDesired?.args[0].input).toEqual({
      AutoScalingGroupName: GROUP,
      DesiredCapacity: 5,
      HonorCooldown: false,
    });
    expect(update?.calledBefore(setDesired as NonNullable<typeof setDesired>)).toBe(true);
    // The busy instance is protected from scale-in first, so Auto Scaling can never pick it.
    const [protect] = autoScaling.commandCalls(SetInstanceProtectionCommand);
    expect(protect?.args[0].input).toEqual({
      AutoScalingGroupName: GROUP,
      InstanceIds: [INSTANCE_ID],
      ProtectedFromScaleIn: true,
    });

    // The capacity state is claimed with a create-only write before the group is touched, carrying the change
    // as pending (its activity InProgress, the group desired capacity it aims for); once the change's activity
    // is recorded, a second write on the claim's version clears it.
    const capacityWrites = documents
      .commandCalls(UpdateCommand)
      .filter((call) => call.args[0].input.Key?.pk === "CAPACITY");
    expect(capacityWrites).toHaveLength(2);
    const [claim, cleared] = capacityWrites;
    expect(claim?.args[0].input).toMatchObject({
      TableName: "gantry-test",
      Key: { pk: "CAPACITY", sk: GROUP },
      ConditionExpression: "attribute_not_exists(#pk)",
      ExpressionAttributeValues: {
        ":next": 1,
        ":record": {
          state: { lastScaleOutAt: expect.any(Number) },
          drainedByGantry: [],
          pending: { groupDesired: 5, activity: expect.objectContaining({ status: "InProgress" }) },
        },
      },
    });
    expect(cleared?.args[0].input.ExpressionAttributeValues).toMatchObject({ ":expected": 1, ":next": 2 });
    expect(cleared?.args[0].input.ExpressionAttributeValues?.[":record"].pending).toBeUndefined();
    expect(claim?.calledBefore(setDesired as NonNullable<typeof setDesired>)).toBe(true);
    // The target's own state is written conditionally on the versions read: the claim carries the pending change,
    // and once its activity is recorded a second write (on the claim's state version) clears it.
    const targetWrites = documents
      .commandCalls(UpdateCommand)
      .filter((call) => call.args[0].input.Key?.sk === `TARGET#${SERVICE_ID}`)
      .map((call) => call.args[0].input.ExpressionAttributeValues ?? {});
    expect(targetWrites.map((values) => [values[":expected"], values[":expectedState"]])).toEqual([
      [3, undefined],
      [3, 1],
    ]);
    expect(targetWrites.map((values) => values[":state"]?.pending?.toCapacity)).toEqual([10, undefined]);

    expect(result).toEqual({ passes: 1, outcomes: { Successful: 1 } });
    expect(lines).toContainEqual(
      expect.objectContaining({
        message: "capacity reconciled",
        targetId: `capacity/${GROUP}`,
        status: "Successful",
        action: "ScaleOut",
        fromInstances: 1,
        toInstances: 5,
      }),
    );
    // Both activities (the service's, the group's) are recorded and published.
    const recorded = documents.commandCalls(PutCommand).map((call) => call.args[0].input.Item?.pk);
    expect(recorded).toEqual([`TARGET#${SERVICE_ID}`, `TARGET#capacity/${GROUP}`]);
    expect(events.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries).toHaveLength(2);
  });

  it("makes no Auto Scaling call and reads no CAPACITY item for a target without a capacity block", async () => {
    storeTarget(workerTarget());
    const { result } = await captureOutput(() => tick({}, lambdaContext({ remainingMs: 60_000 })));
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(1);
    expect(autoScaling.calls()).toHaveLength(0);
    const capacityReads = documents
      .commandCalls(GetCommand)
      .filter((c) => c.args[0].input.Key?.pk === "CAPACITY");
    expect(capacityReads).toHaveLength(0);
    expect(result).toEqual({ passes: 1, outcomes: { Successful: 1 } });
  });
});

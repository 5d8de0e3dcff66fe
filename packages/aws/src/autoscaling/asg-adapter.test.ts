import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
  SetInstanceProtectionCommand,
  TerminateInstanceInAutoScalingGroupCommand,
} from "@aws-sdk/client-auto-scaling";
import { ConflictError, NotFoundError, ThrottledError, ValidationError } from "@gantry/core";
import { sdkError, TEST_CLIENT_CONFIG } from "@gantry/testing/sdk-mock";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { createAsgPort } from "./asg-adapter.ts";

const asgMock = mockClient(AutoScalingClient);
const port = createAsgPort(new AutoScalingClient(TEST_CLIENT_CONFIG));

beforeEach(() => asgMock.reset());

describe("describeGroup", () => {
  it("maps capacity and instances", async () => {
    asgMock.on(DescribeAutoScalingGroupsCommand).resolves({
      AutoScalingGroups: [
        {
          AutoScalingGroupName: "workers",
          DesiredCapacity: 3,
          MinSize: 1,
          MaxSize: 10,
          DefaultCooldown: 300,
          AvailabilityZones: ["eu-west-1a"],
          CreatedTime: new Date(0),
          HealthCheckType: "EC2",
          Instances: [
            {
              InstanceId: "i-1",
              InstanceType: "m7g.large",
              AvailabilityZone: "eu-west-1a",
              LifecycleState: "InService",
              HealthStatus: "Healthy",
              ProtectedFromScaleIn: true,
            },
          ],
        },
      ],
    });
    expect(await port.describeGroup("workers")).toEqual({
      name: "workers",
      desiredCapacity: 3,
      minSize: 1,
      maxSize: 10,
      instances: [
        {
          id: "i-1",
          lifecycleState: "InService",
          healthStatus: "Healthy",
          protectedFromScaleIn: true,
          availabilityZone: "eu-west-1a",
          instanceType: "m7g.large",
        },
      ],
    });
    expect(asgMock).toHaveReceivedCommandWith(DescribeAutoScalingGroupsCommand, {
      AutoScalingGroupNames: ["workers"],
    });
  });

  it("reports an unknown group as NotFoundError", async () => {
    asgMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    await expect(port.describeGroup("nope")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("setDesiredCapacity", () => {
  it("sends SetDesiredCapacity without honouring the cooldown", async () => {
    asgMock.on(SetDesiredCapacityCommand).resolves({});
    await port.setDesiredCapacity("workers", 5);
    expect(asgMock).toHaveReceivedCommandExactlyOnceWith(SetDesiredCapacityCommand, {
      AutoScalingGroupName: "workers",
      DesiredCapacity: 5,
      HonorCooldown: false,
    });
  });

  it("maps Auto Scaling's 'name not found' ValidationError to NotFoundError", async () => {
    const original = sdkError("ValidationError", { message: "AutoScalingGroup name not found - workers" });
    asgMock.on(SetDesiredCapacityCommand).rejects(original);
    const error = await port.setDesiredCapacity("workers", 5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ cause: original });
  });

  it("keeps other ValidationErrors, and maps a running activity to ConflictError", async () => {
    asgMock
      .on(SetDesiredCapacityCommand)
      .rejectsOnce(
        sdkError("ValidationError", { message: "New SetDesiredCapacity value 50 is above max value 10" }),
      )
      .rejectsOnce(sdkError("ScalingActivityInProgressFault"))
      .rejects(sdkError("Throttling"));
    await expect(port.setDesiredCapacity("workers", 50)).rejects.toBeInstanceOf(ValidationError);
    await expect(port.setDesiredCapacity("workers", 5)).rejects.toBeInstanceOf(ConflictError);
    await expect(port.setDesiredCapacity("workers", 5)).rejects.toBeInstanceOf(ThrottledError);
  });

  it("refuses a negative capacity without calling", async () => {
    await expect(port.setDesiredCapacity("workers", -1)).rejects.toBeInstanceOf(ValidationError);
    expect(asgMock).not.toHaveReceivedAnyCommand();
  });
});

describe("setInstanceProtection", () => {
  it("sends 120 ids in 3 calls of at most 50", async () => {
    asgMock.on(SetInstanceProtectionCommand).resolves({});
    const ids = Array.from({ length: 120 }, (_, i) => `i-${i}`);
    await port.setInstanceProtection("workers", ids, true);
    const calls = asgMock.commandCalls(SetInstanceProtectionCommand).map((call) => call.args[0].input);
    expect(calls.map((input) => input.InstanceIds?.length)).toEqual([50, 50, 20]);
    expect(calls.flatMap((input) => input.InstanceIds)).toEqual(ids);
    expect(
      calls.every((input) => input.AutoScalingGroupName === "workers" && input.ProtectedFromScaleIn),
    ).toBe(true);
  });

  it("makes no call for no ids", async () => {
    await port.setInstanceProtection("workers", [], false);
    expect(asgMock).not.toHaveReceivedAnyCommand();
  });
});

describe("terminateInstances", () => {
  it("terminates each instance once, decrementing the desired capacity", async () => {
    asgMock.on(TerminateInstanceInAutoScalingGroupCommand).resolves({});
    await port.terminateInstances(["i-1", "i-2", "i-1"]);
    const inputs = asgMock
      .commandCalls(TerminateInstanceInAutoScalingGroupCommand)
      .map((call) => call.args[0].input);
    expect(inputs).toEqual([
      { InstanceId: "i-1", ShouldDecrementDesiredCapacity: true },
      { InstanceId: "i-2", ShouldDecrementDesiredCapacity: true },
    ]);
  });
});

import {
  DescribeCapacityProvidersCommand,
  ECSClient,
  UpdateCapacityProviderCommand,
  UpdateContainerInstancesStateCommand,
} from "@aws-sdk/client-ecs";
import { NotFoundError, ValidationError } from "@gantry/core";
import { TEST_CLIENT_CONFIG } from "@gantry/testing/sdk-mock";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import type { ManagedScalingSettings } from "../autoscaling/capacity-ports.ts";
import { createEcsCapacityPort } from "./container-instances-adapter.ts";

const ecsMock = mockClient(ECSClient);
const port = createEcsCapacityPort(new ECSClient(TEST_CLIENT_CONFIG));
const arn = (n: number) => `arn:aws:ecs:eu-west-1:123456789012:container-instance/blue/${n}`;

const settings: ManagedScalingSettings = {
  enabled: true,
  targetCapacity: 90,
  minimumScalingStepSize: 1,
  maximumScalingStepSize: 20,
  instanceWarmupPeriod: 180,
};

beforeEach(() => ecsMock.reset());

describe("drainContainerInstances", () => {
  it("drains 23 instances in 3 calls of at most 10 and reports MISSING ones", async () => {
    ecsMock
      .on(UpdateContainerInstancesStateCommand)
      .resolvesOnce({ failures: [{ arn: arn(4), reason: "MISSING" }] })
      .resolves({});
    const arns = Array.from({ length: 23 }, (_, i) => arn(i));
    expect(await port.drainContainerInstances("blue", arns)).toEqual({ missing: [arn(4)] });
    const calls = ecsMock
      .commandCalls(UpdateContainerInstancesStateCommand)
      .map((call) => call.args[0].input);
    expect(calls.map((input) => input.containerInstances?.length)).toEqual([10, 10, 3]);
    expect(calls.every((input) => input.cluster === "blue" && input.status === "DRAINING")).toBe(true);
  });

  it("throws on other failures", async () => {
    ecsMock
      .on(UpdateContainerInstancesStateCommand)
      .resolves({ failures: [{ arn: arn(1), reason: "INVALID" }] });
    await expect(port.drainContainerInstances("blue", [arn(1)])).rejects.toMatchObject({
      code: "EcsFailure",
    });
  });
});

describe("describeCapacityProvider", () => {
  it("maps the Auto Scaling group provider", async () => {
    ecsMock.on(DescribeCapacityProvidersCommand).resolves({
      capacityProviders: [
        {
          name: "cp",
          status: "ACTIVE",
          autoScalingGroupProvider: {
            autoScalingGroupArn:
              "arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:x:autoScalingGroupName/workers",
            managedScaling: {
              status: "ENABLED",
              targetCapacity: 90,
              maximumScalingStepSize: 20,
              instanceWarmupPeriod: 180,
            },
            managedTerminationProtection: "ENABLED",
          },
        },
      ],
    });
    const provider = await port.describeCapacityProvider("cp");
    expect(provider).toMatchObject({
      name: "cp",
      status: "ACTIVE",
      managedScaling: settings,
      managedTerminationProtection: true,
      managedDraining: true,
    });
    expect(ecsMock).toHaveReceivedCommandWith(DescribeCapacityProvidersCommand, {
      capacityProviders: ["cp"],
    });
  });

  it("reports a MISSING provider as NotFoundError and Fargate as ValidationError", async () => {
    ecsMock
      .on(DescribeCapacityProvidersCommand)
      .resolvesOnce({ capacityProviders: [], failures: [{ arn: "cp", reason: "MISSING" }] })
      .resolves({ capacityProviders: [{ name: "FARGATE", status: "ACTIVE" }] });
    await expect(port.describeCapacityProvider("cp")).rejects.toBeInstanceOf(NotFoundError);
    await expect(port.describeCapacityProvider("FARGATE")).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("updateCapacityProvider", () => {
  it("writes the whole managed scaling block", async () => {
    ecsMock.on(UpdateCapacityProviderCommand).resolves({});
    await port.updateCapacityProvider("cp", { managedScaling: settings, managedTerminationProtection: true });
    expect(ecsMock).toHaveReceivedCommandExactlyOnceWith(UpdateCapacityProviderCommand, {
      name: "cp",
      autoScalingGroupProvider: {
        managedScaling: {
          status: "ENABLED",
          targetCapacity: 90,
          minimumScalingStepSize: 1,
          maximumScalingStepSize: 20,
          instanceWarmupPeriod: 180,
        },
        managedTerminationProtection: "ENABLED",
      },
    });
  });

  it("refuses settings ECS would reject, naming the field, without calling", async () => {
    await expect(
      port.updateCapacityProvider("cp", { managedScaling: { ...settings, targetCapacity: 0 } }),
    ).rejects.toMatchObject({ field: "managedScaling.targetCapacity" });
    await expect(
      port.updateCapacityProvider("cp", { managedScaling: { ...settings, maximumScalingStepSize: 0 } }),
    ).rejects.toMatchObject({ field: "managedScaling.maximumScalingStepSize" });
    expect(ecsMock).not.toHaveReceivedAnyCommand();
  });

  it("maps a missing provider to NotFoundError", async () => {
    const error = Object.assign(new Error("The specified capacity provider does not exist."), {
      name: "ResourceNotFoundException",
      $metadata: {},
    });
    ecsMock.on(UpdateCapacityProviderCommand).rejects(error);
    await expect(port.updateCapacityProvider("cp", { managedScaling: settings })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

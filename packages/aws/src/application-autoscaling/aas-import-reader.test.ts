import {
  ApplicationAutoScalingClient,
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
} from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchClient, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { GantryError, ThrottledError } from "@gantry/core";
import { sdkError, TEST_CLIENT_CONFIG } from "@gantry/testing/sdk-mock";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { deregisterScalableTarget } from "./aas-deregister.ts";
import { readAasSetup } from "./aas-import-reader.ts";

const aasMock = mockClient(ApplicationAutoScalingClient);
const cloudWatchMock = mockClient(CloudWatchClient);
const clients = {
  applicationAutoScaling: new ApplicationAutoScalingClient(TEST_CLIENT_CONFIG),
  cloudWatch: new CloudWatchClient(TEST_CLIENT_CONFIG),
};

const target = (service: string) => ({
  ServiceNamespace: "ecs" as const,
  ResourceId: `service/prod/${service}`,
  ScalableDimension: "ecs:service:DesiredCount" as const,
  MinCapacity: 1,
  MaxCapacity: 4,
  RoleARN: "arn:aws:iam::123456789012:role/aas",
  CreationTime: new Date("2025-01-01T00:00:00Z"),
});

const stepPolicy = (name: string, alarms: string[]) => ({
  PolicyARN: `arn:aws:autoscaling:eu-west-1:123456789012:scalingPolicy:x:resource/ecs/service/prod/web:policyName/${name}`,
  PolicyName: name,
  ServiceNamespace: "ecs" as const,
  ResourceId: "service/prod/web",
  ScalableDimension: "ecs:service:DesiredCount" as const,
  PolicyType: "StepScaling" as const,
  Alarms: alarms.map((AlarmName) => ({
    AlarmName,
    AlarmARN: `arn:aws:cloudwatch:eu-west-1:1:alarm:${AlarmName}`,
  })),
  CreationTime: new Date("2025-01-01T00:00:00Z"),
});

beforeEach(() => {
  aasMock.reset();
  cloudWatchMock.reset();
});

describe("readAasSetup", () => {
  it("reads every page of ECS targets, policies and actions, and the alarms step policies name", async () => {
    aasMock
      .on(DescribeScalableTargetsCommand, { ServiceNamespace: "ecs" })
      .resolvesOnce({ ScalableTargets: [target("web")], NextToken: "t2" })
      .resolvesOnce({ ScalableTargets: [target("api")] });
    const tracking = {
      ...stepPolicy("cpu", ["TargetTracking-web-AlarmHigh"]),
      PolicyType: "TargetTrackingScaling" as const,
    };
    aasMock
      .on(DescribeScalingPoliciesCommand)
      .resolvesOnce({ ScalingPolicies: [stepPolicy("out", ["web-high"])], NextToken: "p2" })
      .resolvesOnce({ ScalingPolicies: [stepPolicy("in", ["web-low", "web-high"]), tracking] });
    aasMock.on(DescribeScheduledActionsCommand).resolves({ ScheduledActions: [] });
    cloudWatchMock
      .on(DescribeAlarmsCommand)
      .resolvesOnce({ MetricAlarms: [{ AlarmName: "web-high" }], NextToken: "a2" })
      .resolvesOnce({ MetricAlarms: [{ AlarmName: "web-low" }] });

    const setup = await readAasSetup(clients);

    expect(setup.scalableTargets.map((t) => t.ResourceId)).toEqual(["service/prod/web", "service/prod/api"]);
    expect(setup.scalingPolicies.map((p) => p.PolicyName)).toEqual(["out", "in", "cpu"]);
    expect(setup.alarms.map((a) => a.AlarmName)).toEqual(["web-high", "web-low"]);
    expect(aasMock).toHaveReceivedCommandWith(DescribeScalableTargetsCommand, { NextToken: "t2" });
    expect(aasMock).toHaveReceivedCommandWith(DescribeScalingPoliciesCommand, { NextToken: "p2" });
    // The target tracking policy's AAS-owned alarm is not read; each step alarm is asked for once.
    expect(cloudWatchMock).toHaveReceivedCommandWith(DescribeAlarmsCommand, {
      AlarmNames: ["web-high", "web-low"],
    });
    expect(cloudWatchMock).toHaveReceivedCommandWith(DescribeAlarmsCommand, { NextToken: "a2" });
  });

  it("asks for alarms 100 names at a time and not at all without step policies", async () => {
    const names = Array.from({ length: 150 }, (_, i) => `alarm-${i}`);
    aasMock.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [target("web")] });
    aasMock.on(DescribeScalingPoliciesCommand).resolves({ ScalingPolicies: [stepPolicy("out", names)] });
    aasMock.on(DescribeScheduledActionsCommand).resolves({});
    cloudWatchMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
    await readAasSetup(clients);
    const calls = cloudWatchMock
      .commandCalls(DescribeAlarmsCommand)
      .map((c) => c.args[0].input.AlarmNames?.length);
    expect(calls).toEqual([100, 50]);

    cloudWatchMock.resetHistory();
    aasMock.on(DescribeScalingPoliciesCommand).resolves({ ScalingPolicies: [] });
    await readAasSetup(clients);
    expect(cloudWatchMock).not.toHaveReceivedCommand(DescribeAlarmsCommand);
  });

  it("turns SDK failures into domain errors naming the action", async () => {
    aasMock.on(DescribeScalableTargetsCommand).rejects(sdkError("ThrottlingException", { throttling: true }));
    aasMock.on(DescribeScalingPoliciesCommand).resolves({});
    aasMock.on(DescribeScheduledActionsCommand).resolves({});
    const error = await readAasSetup(clients).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as Error).message).toMatch(/^application-autoscaling:DescribeScalableTargets failed/);
  });
});

describe("deregisterScalableTarget", () => {
  it("deregisters the service's desired count", async () => {
    aasMock.on(DeregisterScalableTargetCommand).resolves({});
    await expect(deregisterScalableTarget(clients.applicationAutoScaling, "service/prod/web")).resolves.toBe(
      "deregistered",
    );
    expect(aasMock).toHaveReceivedCommandExactlyOnceWith(DeregisterScalableTargetCommand, {
      ServiceNamespace: "ecs",
      ScalableDimension: "ecs:service:DesiredCount",
      ResourceId: "service/prod/web",
    });
  });

  it("reports a target that is no longer registered, and rethrows other failures", async () => {
    aasMock.on(DeregisterScalableTargetCommand).rejectsOnce(sdkError("ObjectNotFoundException"));
    await expect(deregisterScalableTarget(clients.applicationAutoScaling, "service/prod/web")).resolves.toBe(
      "notRegistered",
    );
    aasMock.on(DeregisterScalableTargetCommand).rejects(sdkError("AccessDeniedException"));
    const error = await deregisterScalableTarget(clients.applicationAutoScaling, "service/prod/api").catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GantryError);
    expect((error as Error).message).toContain("DeregisterScalableTarget failed for service/prod/api");
  });
});

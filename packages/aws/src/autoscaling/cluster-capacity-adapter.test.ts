import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
  SetInstanceProtectionCommand,
  TerminateInstanceInAutoScalingGroupCommand,
} from "@aws-sdk/client-auto-scaling";
import {
  DescribeCapacityProvidersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListContainerInstancesCommand,
  ListTasksCommand,
  UpdateCapacityProviderCommand,
  UpdateContainerInstancesStateCommand,
} from "@aws-sdk/client-ecs";
import { type CapacityConfig, CapacityConfigSchema, ValidationError } from "@gantry/core";
import { TEST_CLIENT_CONFIG } from "@gantry/testing/sdk-mock";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { createClusterCapacityPort } from "./cluster-capacity-adapter.ts";

const asgMock = mockClient(AutoScalingClient);
const ecsMock = mockClient(ECSClient);
const NOW = Date.UTC(2026, 0, 5, 12);
const port = createClusterCapacityPort({
  autoScaling: new AutoScalingClient(TEST_CLIENT_CONFIG),
  ecs: new ECSClient(TEST_CLIENT_CONFIG),
  now: () => NOW,
});
const asg: CapacityConfig = CapacityConfigSchema.parse({ mode: "asg", name: "workers", maxInstances: 10 });
const cp: CapacityConfig = CapacityConfigSchema.parse({
  mode: "capacityProvider",
  name: "cp",
  maxInstances: 10,
});
const ciArn = (n: number) => `arn:aws:ecs:eu-west-1:123456789012:container-instance/blue/${n}`;
const TD = "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3";
const size = [
  { name: "CPU", integerValue: 4096 },
  { name: "MEMORY", integerValue: 7680 },
];

beforeEach(() => {
  asgMock.reset();
  ecsMock.reset();
});

function mockCluster(instances: number) {
  asgMock.on(DescribeAutoScalingGroupsCommand).resolves({
    AutoScalingGroups: [
      {
        AutoScalingGroupName: "workers",
        DesiredCapacity: instances + 1,
        MinSize: 1,
        MaxSize: 300,
        DefaultCooldown: 300,
        AvailabilityZones: ["eu-west-1a"],
        HealthCheckType: "EC2",
        CreatedTime: new Date(0),
        Instances: [
          ...Array.from({ length: instances }, (_, i) => ({
            InstanceId: `i-${i}`,
            LifecycleState: "InService" as const,
            HealthStatus: "Healthy",
            ProtectedFromScaleIn: i === 0,
            AvailabilityZone: "eu-west-1a",
            InstanceType: "m5.xlarge",
          })),
          {
            InstanceId: "i-new",
            LifecycleState: "Pending" as const,
            HealthStatus: "Healthy",
            AvailabilityZone: "a",
            ProtectedFromScaleIn: false,
          },
        ],
      },
    ],
  });
  const arns = Array.from({ length: instances }, (_, i) => ciArn(i));
  ecsMock
    .on(ListContainerInstancesCommand)
    .resolvesOnce({ containerInstanceArns: arns.slice(0, 100), nextToken: "more" })
    .resolves({ containerInstanceArns: arns.slice(100) });
  ecsMock.on(DescribeContainerInstancesCommand).callsFake((input: { containerInstances: string[] }) => ({
    containerInstances: input.containerInstances.map((arn) => {
      const n = Number(arn.slice(arn.lastIndexOf("/") + 1));
      return {
        containerInstanceArn: arn,
        ec2InstanceId: `i-${n}`,
        status: n === 1 ? "DRAINING" : "ACTIVE",
        registeredResources: size,
        registeredAt: new Date(NOW - 3_600_000),
      };
    }),
  }));
  ecsMock.on(ListTasksCommand).resolves({ taskArns: ["t-1"] });
  ecsMock.on(DescribeTasksCommand).resolves({
    tasks: [{ taskArn: "t-1", containerInstanceArn: ciArn(0), group: "service:web", taskDefinitionArn: TD }],
  });
  ecsMock.on(DescribeServicesCommand).resolves({ services: [{ serviceName: "web", taskDefinition: TD }] });
  ecsMock.on(DescribeTaskDefinitionCommand).resolves({
    taskDefinition: {
      networkMode: "bridge",
      containerDefinitions: [
        {
          name: "a",
          cpu: 512,
          memoryReservation: 1024,
          portMappings: [{ containerPort: 80, hostPort: 8080 }],
        },
        { name: "b", cpu: 256, memory: 512, portMappings: [{ containerPort: 90, hostPort: 0 }] },
      ],
    },
  });
}

describe("describeCluster, mode asg", () => {
  it("joins the group, its container instances and their tasks, and sizes the services' tasks", async () => {
    mockCluster(2);
    const snapshot = await port.describeCluster(asg, "blue", ["service/blue/web", "service/blue/gone"]);
    const web = { cpu: 768, memory: 1536, hostPorts: [8080] };
    expect(snapshot).toMatchObject({
      instanceShape: { cpu: 4096, memory: 7680 },
      groupDesired: 3,
      groupMinSize: 1,
      groupMaxSize: 300,
      taskSizes: { "service/blue/web": web },
    });
    expect(snapshot.provider).toBeUndefined();
    expect(snapshot.instances).toEqual([
      {
        id: "i-0",
        instanceType: "m5.xlarge",
        cpu: 4096,
        memory: 7680,
        launchTime: NOW - 3_600_000,
        protectedFromScaleIn: true,
        draining: false,
        tasks: [{ serviceId: "service/blue/web", ...web }],
        lifecycle: "InService",
      },
      expect.objectContaining({ id: "i-1", draining: true, tasks: [], lifecycle: "InService" }),
      expect.objectContaining({ id: "i-new", cpu: 4096, lifecycle: "Pending", launchTime: NOW }),
    ]);
    expect(ecsMock.commandCalls(DescribeCapacityProvidersCommand)).toHaveLength(0);
    expect(ecsMock.commandCalls(ListTasksCommand)[0]?.args[0].input).toMatchObject({
      cluster: "blue",
      desiredStatus: "RUNNING",
    });
    expect(ecsMock.commandCalls(DescribeTaskDefinitionCommand)).toHaveLength(1);
  });

  it("pages ListContainerInstances and describes 100 container instances per call", async () => {
    mockCluster(230);
    const snapshot = await port.describeCluster(asg, "blue", []);
    expect(snapshot.instances).toHaveLength(231);
    expect(ecsMock.commandCalls(ListContainerInstancesCommand).map((c) => c.args[0].input.nextToken)).toEqual(
      [undefined, "more"],
    );
    const batches = ecsMock
      .commandCalls(DescribeContainerInstancesCommand)
      .map((c) => c.args[0].input.containerInstances?.length);
    expect(batches).toEqual([100, 100, 30]);
  });
});

describe("writes, mode asg", () => {
  it("sets desired capacity without the cooldown, protection, and terminates with a decrement", async () => {
    await port.setDesiredInstances(asg, 4);
    await port.setProtection(asg, ["i-1", "i-2"], true);
    await port.terminate(asg, ["i-3"]);
    expect(asgMock).toHaveReceivedCommandWith(SetDesiredCapacityCommand, {
      AutoScalingGroupName: "workers",
      DesiredCapacity: 4,
      HonorCooldown: false,
    });
    expect(asgMock).toHaveReceivedCommandWith(SetInstanceProtectionCommand, {
      AutoScalingGroupName: "workers",
      InstanceIds: ["i-1", "i-2"],
      ProtectedFromScaleIn: true,
    });
    expect(asgMock).toHaveReceivedCommandWith(TerminateInstanceInAutoScalingGroupCommand, {
      InstanceId: "i-3",
      ShouldDecrementDesiredCapacity: true,
    });
  });

  it("drains by container instance ARN and reports unknown EC2 ids as missing", async () => {
    mockCluster(2);
    ecsMock.on(UpdateContainerInstancesStateCommand).resolves({});
    expect(await port.drain("blue", ["i-0", "i-9"])).toEqual({ missing: ["i-9"] });
    expect(ecsMock).toHaveReceivedCommandWith(UpdateContainerInstancesStateCommand, {
      cluster: "blue",
      containerInstances: [ciArn(0)],
      status: "DRAINING",
    });
  });
});

describe("mode capacityProvider", () => {
  const provider = (managedScaling: "ENABLED" | "DISABLED", targetCapacity = 80) => ({
    capacityProviders: [
      {
        name: "cp",
        status: "ACTIVE" as const,
        autoScalingGroupProvider: {
          autoScalingGroupArn:
            "arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:uuid:autoScalingGroupName/workers",
          managedScaling: { status: managedScaling, targetCapacity, minimumScalingStepSize: 2 },
          managedTerminationProtection: managedScaling,
        },
      },
    ],
  });

  it("resolves the provider's group and reports its managed scaling, protection and targetCapacity", async () => {
    mockCluster(1);
    ecsMock.on(DescribeCapacityProvidersCommand).resolves(provider("ENABLED"));
    const snapshot = await port.describeCluster(cp, "blue", []);
    expect(snapshot.provider).toEqual({
      managedScaling: true,
      managedTerminationProtection: true,
      targetCapacity: 80,
    });
    expect(asgMock).toHaveReceivedCommandWith(DescribeAutoScalingGroupsCommand, {
      AutoScalingGroupNames: ["workers"],
    });
    await port.setDesiredInstances(cp, 2);
    expect(asgMock).toHaveReceivedCommandWith(SetDesiredCapacityCommand, {
      AutoScalingGroupName: "workers",
      DesiredCapacity: 2,
      HonorCooldown: false,
    });
  });

  it("takes scaling over: both switches off, every other setting written back as read", async () => {
    ecsMock.on(DescribeCapacityProvidersCommand).resolves(provider("ENABLED", 70));
    ecsMock.on(UpdateCapacityProviderCommand).resolves({});
    await port.takeOverScaling(cp);
    expect(ecsMock).toHaveReceivedCommandExactlyOnceWith(UpdateCapacityProviderCommand, {
      name: "cp",
      autoScalingGroupProvider: {
        managedScaling: {
          status: "DISABLED",
          targetCapacity: 70,
          minimumScalingStepSize: 2,
          maximumScalingStepSize: 10_000,
          instanceWarmupPeriod: 300,
        },
        managedTerminationProtection: "DISABLED",
      },
    });
  });

  it("sends no update when the provider's managed scaling and protection are off already", async () => {
    ecsMock.on(DescribeCapacityProvidersCommand).resolves(provider("DISABLED"));
    await port.takeOverScaling(cp);
    expect(ecsMock.commandCalls(UpdateCapacityProviderCommand)).toHaveLength(0);
    mockCluster(1);
    expect((await port.describeCluster(cp, "blue", [])).provider?.managedScaling).toBe(false);
  });

  it("refuses to take over an Auto Scaling group, and never calls ECS's provider APIs in mode asg", async () => {
    await expect(port.takeOverScaling(asg)).rejects.toBeInstanceOf(ValidationError);
    expect(ecsMock.commandCalls(DescribeCapacityProvidersCommand)).toHaveLength(0);
    expect(ecsMock.commandCalls(UpdateCapacityProviderCommand)).toHaveLength(0);
  });

  it("passes a refused update on as a domain error", async () => {
    ecsMock.on(DescribeCapacityProvidersCommand).resolves(provider("ENABLED"));
    const denied = Object.assign(new Error("not authorized to perform ecs:UpdateCapacityProvider"), {
      name: "AccessDeniedException",
      $metadata: { httpStatusCode: 400 },
    });
    ecsMock.on(UpdateCapacityProviderCommand).rejects(denied);
    await expect(port.takeOverScaling(cp)).rejects.toThrow(/UpdateCapacityProvider/);
  });
});

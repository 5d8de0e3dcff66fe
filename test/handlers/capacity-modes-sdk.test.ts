// The second stage over the real AWS adapter (aws-sdk-client-mock), in both modes: the calls it sends, a capacity
// provider's targetCapacity in the plan, and ECS's managed scaling taken over once (packages/runtime/src/capacity).
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
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
} from "@aws-sdk/client-ecs";
import { createClusterCapacityPort } from "@gantry/aws";
import { type TargetConfig, TargetConfigSchema } from "@gantry/core";
import { MemoryCapacityStore, MemoryStateStore } from "@gantry/runtime/local-stack";
import { TEST_CLIENT_CONFIG } from "@gantry/testing/sdk-mock";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { runCapacityStage } from "../../packages/runtime/src/capacity/run-capacity-stage.ts";

const asgMock = mockClient(AutoScalingClient);
const ecsMock = mockClient(ECSClient);
const NOW = Date.UTC(2026, 0, 5, 12);
const WEB = "service/blue/web";
const API = "service/blue/api";
const TD = "arn:aws:ecs:eu-west-1:123456789012:task-definition/app:1";
const GROUP_ARN =
  "arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:u:autoScalingGroupName/cp-group";
const ciArn = (id: string) => `arn:aws:ecs:eu-west-1:123456789012:container-instance/blue/${id}`;

function target(id: string, capacity: Record<string, unknown>): TargetConfig {
  return TargetConfigSchema.parse({
    target: { id, minCapacity: 0, maxCapacity: 50, capacity: { maxInstances: 12, ...capacity } },
  });
}
const TARGETS = [
  target(WEB, { mode: "asg", name: "workers" }),
  target(API, { mode: "capacityProvider", name: "cp" }),
];
/** Stage 1 raised both services from 2 to 10 tasks of 1 vCPU / 2 GiB: 3 instances of 4 vCPU / 8 GiB each. */
const RAISED = [WEB, API].map((targetId) => ({
  targetId,
  status: "Successful" as const,
  action: "ScaleOut" as const,
  fromCapacity: 2,
  toCapacity: 10,
}));

const group = (name: string, ids: string[], ecsProtected: boolean) => ({
  AutoScalingGroupName: name,
  DesiredCapacity: ids.length,
  MinSize: 0,
  MaxSize: 20,
  DefaultCooldown: 300,
  AvailabilityZones: ["eu-west-1a"],
  HealthCheckType: "EC2",
  CreatedTime: new Date(0),
  Instances: ids.map((id) => ({
    InstanceId: id,
    LifecycleState: "InService" as const,
    HealthStatus: "Healthy",
    ProtectedFromScaleIn: ecsProtected,
    AvailabilityZone: "eu-west-1a",
    InstanceType: "m5.xlarge",
  })),
});

/** Group `workers` (i-w1, 2 web tasks) and provider `cp` over group `cp-group` (i-c1 with 2 api tasks, i-c2 idle). */
function mockAccount(provider: { scaling: "ENABLED" | "DISABLED"; targetCapacity: number }) {
  const state = { ...provider };
  asgMock.on(DescribeAutoScalingGroupsCommand, { AutoScalingGroupNames: ["workers"] }).resolves({
    AutoScalingGroups: [group("workers", ["i-w1"], false)],
  });
  // Under managed termination protection ECS protected both of the provider's instances.
  asgMock.on(DescribeAutoScalingGroupsCommand, { AutoScalingGroupNames: ["cp-group"] }).resolves({
    AutoScalingGroups: [group("cp-group", ["i-c1", "i-c2"], true)],
  });
  asgMock.on(SetDesiredCapacityCommand).resolves({});
  const ids = ["i-w1", "i-c1", "i-c2"];
  ecsMock.on(ListContainerInstancesCommand).resolves({ containerInstanceArns: ids.map(ciArn) });
  ecsMock.on(DescribeContainerInstancesCommand).resolves({
    containerInstances: ids.map((id) => ({
      containerInstanceArn: ciArn(id),
      ec2InstanceId: id,
      status: "ACTIVE",
      registeredResources: [
        { name: "CPU", integerValue: 4096 },
        { name: "MEMORY", integerValue: 8192 },
      ],
      registeredAt: new Date(NOW - 3_600_000),
    })),
  });
  const tasks = [
    ["web", "i-w1"],
    ["web", "i-w1"],
    ["api", "i-c1"],
    ["api", "i-c1"],
  ].map(([service, on], n) => ({
    taskArn: `t-${n}`,
    containerInstanceArn: ciArn(on ?? ""),
    group: `service:${service}`,
    taskDefinitionArn: TD,
  }));
  ecsMock.on(ListTasksCommand).resolves({ taskArns: tasks.map((t) => t.taskArn) });
  ecsMock.on(DescribeTasksCommand).resolves({ tasks });
  ecsMock.on(DescribeServicesCommand).callsFake((input: { services: string[] }) => ({
    services: input.services.map((serviceName) => ({ serviceName, taskDefinition: TD })),
  }));
  ecsMock.on(DescribeTaskDefinitionCommand).resolves({
    taskDefinition: {
      networkMode: "awsvpc",
      containerDefinitions: [{ name: "app", cpu: 1024, memory: 2048 }],
    },
  });
  ecsMock.on(DescribeCapacityProvidersCommand).callsFake(() => ({
    capacityProviders: [
      {
        name: "cp",
        status: "ACTIVE",
        autoScalingGroupProvider: {
          autoScalingGroupArn: GROUP_ARN,
          managedScaling: { status: state.scaling, targetCapacity: state.targetCapacity },
          managedTerminationProtection: state.scaling,
        },
      },
    ],
  }));
  ecsMock.on(UpdateCapacityProviderCommand).callsFake((input) => {
    state.scaling = input.autoScalingGroupProvider.managedScaling.status;
    return {};
  });
}

function stage() {
  const port = createClusterCapacityPort({
    autoScaling: new AutoScalingClient(TEST_CLIENT_CONFIG),
    ecs: new ECSClient(TEST_CLIENT_CONFIG),
    now: () => NOW,
  });
  const activities = new MemoryStateStore({ now: () => NOW });
  let n = 0;
  const deps = {
    port,
    store: new MemoryCapacityStore(),
    ecs: {
      describeServices: async (ids: readonly string[]) => ({
        services: ids.map((id) => ({
          id,
          desiredCount: 2,
          runningCount: 2,
          pendingCount: 0,
          deploymentInProgress: false,
        })),
        missing: [],
        failed: [],
      }),
      setDesiredCount: async () => {},
    },
    activities,
    clock: { now: () => NOW },
    log: { info() {}, warn() {}, error() {} },
    randomId: () => `r${n++}`,
  };
  return { run: () => runCapacityStage(TARGETS, RAISED, deps), activities };
}

const desiredSent = () =>
  asgMock
    .commandCalls(SetDesiredCapacityCommand)
    .map((c) => [c.args[0].input.AutoScalingGroupName, c.args[0].input.DesiredCapacity]);

beforeEach(() => {
  asgMock.reset();
  ecsMock.reset();
});

describe("the second stage over the AWS adapter, modes asg and capacityProvider", () => {
  it("takes managed scaling over once, then sizes the provider's group at its targetCapacity", async () => {
    mockAccount({ scaling: "ENABLED", targetCapacity: 50 });
    const { run, activities } = stage();
    const result = await run();

    expect(ecsMock).toHaveReceivedCommandExactlyOnceWith(UpdateCapacityProviderCommand, {
      name: "cp",
      autoScalingGroupProvider: {
        managedScaling: {
          status: "DISABLED",
          targetCapacity: 50,
          minimumScalingStepSize: 1,
          maximumScalingStepSize: 10_000,
          instanceWarmupPeriod: 300,
        },
        managedTerminationProtection: "DISABLED",
      },
    });
    // Mode asg at 100 %: 10 web tasks need 3 instances. The provider at 50 %: twice that. (Groups go by target id.)
    expect(desiredSent()).toEqual([
      ["cp-group", 6],
      ["workers", 3],
    ]);
    expect(result.outcomes.map((o) => [o.name, o.status, o.toInstances])).toEqual([
      ["cp", "Successful", 6],
      ["workers", "Successful", 3],
    ]);
    const log = activities.activitiesOf("capacity/cp").map((a) => a.statusMessage);
    expect(log.some((m) => m.startsWith("ManagedScalingTakenOver: capacity provider cp"))).toBe(true);

    await run();
    expect(ecsMock.commandCalls(UpdateCapacityProviderCommand)).toHaveLength(1);
  });

  it("sends no UpdateCapacityProvider to a provider Gantry owns already, and reads providers only for it", async () => {
    mockAccount({ scaling: "DISABLED", targetCapacity: 100 });
    const { run } = stage();
    await run();
    const named = ecsMock
      .commandCalls(DescribeCapacityProvidersCommand)
      .map((c) => c.args[0].input.capacityProviders);
    expect(new Set(named.flat())).toEqual(new Set(["cp"]));
    expect(ecsMock.commandCalls(UpdateCapacityProviderCommand)).toHaveLength(0);
    expect(desiredSent()).toEqual([
      ["cp-group", 3],
      ["workers", 3],
    ]);
  });

  it("fails only the provider's group, visibly, when UpdateCapacityProvider is refused", async () => {
    mockAccount({ scaling: "ENABLED", targetCapacity: 80 });
    const denied = Object.assign(new Error("User is not authorized to perform: ecs:UpdateCapacityProvider"), {
      name: "AccessDeniedException",
      $metadata: { httpStatusCode: 400 },
    });
    ecsMock.on(UpdateCapacityProviderCommand).rejects(denied);
    const { run, activities } = stage();
    const result = await run();

    expect(desiredSent()).toEqual([["workers", 3]]);
    const cp = result.outcomes.find((o) => o.name === "cp");
    expect(cp?.status).toBe("Failed");
    expect(cp?.error?.message).toMatch(/UpdateCapacityProvider/);
    expect(activities.activitiesOf("capacity/cp").map((a) => a.status)).toEqual(["Failed"]);
    expect(result.outcomes.find((o) => o.name === "workers")?.status).toBe("Successful");
  });
});

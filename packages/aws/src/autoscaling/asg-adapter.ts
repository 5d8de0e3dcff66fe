import {
  type AutoScalingClient,
  type AutoScalingGroup,
  DescribeAutoScalingGroupsCommand,
  type Instance,
  SetDesiredCapacityCommand,
  SetInstanceProtectionCommand,
  TerminateInstanceInAutoScalingGroupCommand,
} from "@aws-sdk/client-auto-scaling";
import { NotFoundError, ValidationError } from "@gantry/core";
import { chunk } from "../chunk.ts";
import { type AwsCallContext, toDomainError } from "../sdk-errors.ts";
import type { AsgGroup, AsgInstance, AsgPort } from "./capacity-ports.ts";

/** SetInstanceProtection accepts at most 50 instance ids per call [AWS]. */
export const SET_INSTANCE_PROTECTION_LIMIT = 50;

/** AsgPort over EC2 Auto Scaling. */
export function createAsgPort(client: AutoScalingClient): AsgPort {
  return {
    describeGroup: (name) => describeGroup(client, name),
    setDesiredCapacity: (name, desiredCapacity) => setDesiredCapacity(client, name, desiredCapacity),
    setInstanceProtection: (name, ids, protect) => setInstanceProtection(client, name, ids, protect),
    terminateInstances: (ids) => terminateInstances(client, ids),
  };
}

/**
 * Auto Scaling reports an unknown group as a ValidationError ("AutoScalingGroup name not found"), so that one
 * becomes a NotFoundError here; every other failure goes through toDomainError.
 */
async function callAutoScaling<T>(context: AwsCallContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const domain = toDomainError(error, context);
    if (!(domain instanceof ValidationError) || !/not found/i.test(domain.message)) throw domain;
    throw new NotFoundError(domain.message, undefined, { cause: domain.cause });
  }
}

async function describeGroup(client: AutoScalingClient, name: string): Promise<AsgGroup> {
  const context = { action: "autoscaling:DescribeAutoScalingGroups", resource: name };
  const response = await callAutoScaling(context, () =>
    client.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] })),
  );
  const group = response.AutoScalingGroups?.find((g) => g.AutoScalingGroupName === name);
  if (group === undefined) throw new NotFoundError(`${context.action}: no Auto Scaling group named ${name}`);
  return toGroup(group);
}

function toGroup(group: AutoScalingGroup): AsgGroup {
  return {
    name: group.AutoScalingGroupName ?? "",
    desiredCapacity: group.DesiredCapacity ?? 0,
    minSize: group.MinSize ?? 0,
    maxSize: group.MaxSize ?? 0,
    instances: (group.Instances ?? []).map(toInstance),
  };
}

function toInstance(instance: Instance): AsgInstance {
  return {
    id: instance.InstanceId ?? "",
    lifecycleState: instance.LifecycleState ?? "",
    healthStatus: instance.HealthStatus ?? "",
    protectedFromScaleIn: instance.ProtectedFromScaleIn ?? false,
    availabilityZone: instance.AvailabilityZone ?? "",
    instanceType: instance.InstanceType,
  };
}

async function setDesiredCapacity(
  client: AutoScalingClient,
  name: string,
  desiredCapacity: number,
): Promise<void> {
  if (!Number.isInteger(desiredCapacity) || desiredCapacity < 0) {
    throw new ValidationError(
      `desiredCapacity must be a non-negative integer, got ${desiredCapacity}`,
      "desiredCapacity",
    );
  }
  // HonorCooldown false: Gantry applies its own cooldowns before it decides to call.
  await callAutoScaling({ action: "autoscaling:SetDesiredCapacity", resource: name }, () =>
    client.send(
      new SetDesiredCapacityCommand({
        AutoScalingGroupName: name,
        DesiredCapacity: desiredCapacity,
        HonorCooldown: false,
      }),
    ),
  );
}

async function setInstanceProtection(
  client: AutoScalingClient,
  name: string,
  instanceIds: readonly string[],
  protectedFromScaleIn: boolean,
): Promise<void> {
  for (const batch of chunk([...new Set(instanceIds)], SET_INSTANCE_PROTECTION_LIMIT)) {
    await callAutoScaling({ action: "autoscaling:SetInstanceProtection", resource: name }, () =>
      client.send(
        new SetInstanceProtectionCommand({
          AutoScalingGroupName: name,
          InstanceIds: batch,
          ProtectedFromScaleIn: protectedFromScaleIn,
        }),
      ),
    );
  }
}

/**
 * Decrementing the desired capacity stops the group from launching a replacement: the instance was drained
 * because the cluster no longer needs it.
 */
async function terminateInstances(client: AutoScalingClient, instanceIds: readonly string[]): Promise<void> {
  for (const id of new Set(instanceIds)) {
    await callAutoScaling({ action: "autoscaling:TerminateInstanceInAutoScalingGroup", resource: id }, () =>
      client.send(
        new TerminateInstanceInAutoScalingGroupCommand({
          InstanceId: id,
          ShouldDecrementDesiredCapacity: true,
        }),
      ),
    );
  }
}

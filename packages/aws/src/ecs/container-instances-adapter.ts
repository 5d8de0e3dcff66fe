import {
  type CapacityProvider,
  DescribeCapacityProvidersCommand,
  type ECSClient,
  type ManagedScaling,
  UpdateCapacityProviderCommand,
  UpdateContainerInstancesStateCommand,
} from "@aws-sdk/client-ecs";
import { NotFoundError, ValidationError } from "@gantry/core";
import type {
  CapacityProviderSnapshot,
  CapacityProviderUpdate,
  EcsCapacityPort,
  ManagedScalingSettings,
} from "../autoscaling/capacity-ports.ts";
import { chunk } from "../chunk.ts";
import { callAws } from "../sdk-errors.ts";
import { missingArns } from "./ecs-failures.ts";

/** UpdateContainerInstancesState accepts at most 10 container instances per call [AWS]. */
export const UPDATE_CONTAINER_INSTANCES_LIMIT = 10;

/** ECS's managed scaling defaults [AWS], used where DescribeCapacityProviders leaves a field out. */
const MANAGED_SCALING_DEFAULTS: ManagedScalingSettings = {
  enabled: false,
  targetCapacity: 100,
  minimumScalingStepSize: 1,
  maximumScalingStepSize: 10_000,
  instanceWarmupPeriod: 300,
};

/** EcsCapacityPort over ECS: drain container instances and read or change a capacity provider's scaling. */
export function createEcsCapacityPort(client: ECSClient): EcsCapacityPort {
  return {
    drainContainerInstances: (cluster, arns) => drainContainerInstances(client, cluster, arns),
    describeCapacityProvider: (name) => describeCapacityProvider(client, name),
    updateCapacityProvider: (name, update) => updateCapacityProvider(client, name, update),
  };
}

async function drainContainerInstances(
  client: ECSClient,
  cluster: string,
  arns: readonly string[],
): Promise<{ missing: string[] }> {
  const action = "ecs:UpdateContainerInstancesState";
  const missing: string[] = [];
  for (const batch of chunk([...new Set(arns)], UPDATE_CONTAINER_INSTANCES_LIMIT)) {
    const response = await callAws({ action, resource: `cluster ${cluster}` }, () =>
      client.send(
        new UpdateContainerInstancesStateCommand({ cluster, containerInstances: batch, status: "DRAINING" }),
      ),
    );
    missing.push(...missingArns(response.failures, action));
  }
  return { missing };
}

async function describeCapacityProvider(client: ECSClient, name: string): Promise<CapacityProviderSnapshot> {
  const action = "ecs:DescribeCapacityProviders";
  const response = await callAws({ action, resource: name }, () =>
    client.send(new DescribeCapacityProvidersCommand({ capacityProviders: [name] })),
  );
  missingArns(response.failures, action);
  const provider = response.capacityProviders?.find((p) => p.name === name || p.capacityProviderArn === name);
  if (provider === undefined)
    throw new NotFoundError(`${action}: no capacity provider named ${name}`, "name");
  return toSnapshot(provider);
}

function toSnapshot(provider: CapacityProvider): CapacityProviderSnapshot {
  const asg = provider.autoScalingGroupProvider;
  if (asg?.autoScalingGroupArn === undefined) {
    throw new ValidationError(
      `capacity provider ${provider.name} is not backed by an Auto Scaling group`,
      "name",
    );
  }
  return {
    name: provider.name ?? "",
    status: provider.status ?? "",
    autoScalingGroupArn: asg.autoScalingGroupArn,
    managedScaling: toSettings(asg.managedScaling),
    managedTerminationProtection: asg.managedTerminationProtection === "ENABLED",
    // ECS drains managed instances by default.
    managedDraining: asg.managedDraining !== "DISABLED",
  };
}

function toSettings(scaling: ManagedScaling | undefined): ManagedScalingSettings {
  const d = MANAGED_SCALING_DEFAULTS;
  return {
    enabled: scaling?.status === "ENABLED",
    targetCapacity: scaling?.targetCapacity ?? d.targetCapacity,
    minimumScalingStepSize: scaling?.minimumScalingStepSize ?? d.minimumScalingStepSize,
    maximumScalingStepSize: scaling?.maximumScalingStepSize ?? d.maximumScalingStepSize,
    instanceWarmupPeriod: scaling?.instanceWarmupPeriod ?? d.instanceWarmupPeriod,
  };
}

async function updateCapacityProvider(
  client: ECSClient,
  name: string,
  update: CapacityProviderUpdate,
): Promise<void> {
  checkSettings(update.managedScaling);
  const { managedScaling: s, managedTerminationProtection: protection, managedDraining: draining } = update;
  const autoScalingGroupProvider = {
    managedScaling: {
      status: s.enabled ? ("ENABLED" as const) : ("DISABLED" as const),
      targetCapacity: s.targetCapacity,
      minimumScalingStepSize: s.minimumScalingStepSize,
      maximumScalingStepSize: s.maximumScalingStepSize,
      instanceWarmupPeriod: s.instanceWarmupPeriod,
    },
    ...(protection === undefined ? {} : { managedTerminationProtection: onOff(protection) }),
    ...(draining === undefined ? {} : { managedDraining: onOff(draining) }),
  };
  await callAws({ action: "ecs:UpdateCapacityProvider", resource: name }, () =>
    client.send(new UpdateCapacityProviderCommand({ name, autoScalingGroupProvider })),
  );
}

function onOff(enabled: boolean): "ENABLED" | "DISABLED" {
  return enabled ? "ENABLED" : "DISABLED";
}

/** The ranges ECS accepts [AWS], checked here so a bad plan fails before the call with the field named. */
function checkSettings(s: ManagedScalingSettings): void {
  const field = (name: string) => `managedScaling.${name}`;
  const within = (value: number, min: number, max: number) =>
    Number.isInteger(value) && value >= min && value <= max;
  if (!within(s.targetCapacity, 1, 100)) {
    throw new ValidationError(
      `targetCapacity must be an integer percent in 1–100, got ${s.targetCapacity}`,
      field("targetCapacity"),
    );
  }
  if (!within(s.minimumScalingStepSize, 1, 10_000)) {
    throw new ValidationError(
      "minimumScalingStepSize must be an integer in 1–10000",
      field("minimumScalingStepSize"),
    );
  }
  if (!within(s.maximumScalingStepSize, s.minimumScalingStepSize, 10_000)) {
    throw new ValidationError(
      "maximumScalingStepSize must be an integer in minimumScalingStepSize–10000",
      field("maximumScalingStepSize"),
    );
  }
  if (!within(s.instanceWarmupPeriod, 0, 10_000)) {
    throw new ValidationError("instanceWarmupPeriod must be 0–10000 seconds", field("instanceWarmupPeriod"));
  }
}

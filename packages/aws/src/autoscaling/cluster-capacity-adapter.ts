import type { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import type { ECSClient } from "@aws-sdk/client-ecs";
import type {
  CapacityConfig,
  CapacityProviderState,
  ClusterCapacityPort,
  ClusterSnapshot,
  TaskResources,
} from "@gantry/core";
import { ValidationError } from "@gantry/core";
import { createEcsCapacityPort } from "../ecs/container-instances-adapter.ts";
import { createAsgPort } from "./asg-adapter.ts";
import type { EcsCapacityPort } from "./capacity-ports.ts";
import { joinInstances, shapeOf } from "./cluster-instances.ts";
import {
  readContainerInstances,
  readServiceTaskDefinitions,
  readTasks,
  taskDefinitionReader,
} from "./ecs-cluster-reads.ts";
import { taskResourcesOf } from "./task-resources.ts";

export interface ClusterCapacityClients {
  autoScaling: AutoScalingClient;
  ecs: ECSClient;
  /** Epoch ms; stamps instances ECS has not registered yet. */
  now?: () => number;
}

interface Group {
  name: string;
  provider?: CapacityProviderState;
}

/**
 * ClusterCapacityPort over EC2 Auto Scaling and ECS. Mode `asg` acts on the named group. Mode `capacityProvider`
 * resolves the provider's group on every call (DescribeCapacityProviders) and reports the provider's managed
 * scaling, managed termination protection and targetCapacity; `takeOverScaling` turns the first two off.
 */
export function createClusterCapacityPort(clients: ClusterCapacityClients): ClusterCapacityPort {
  const asg = createAsgPort(clients.autoScaling);
  const ecs = createEcsCapacityPort(clients.ecs);
  const groupOf = async (capacity: CapacityConfig): Promise<Group> => {
    if (capacity.mode === "asg") return { name: capacity.name };
    const provider = await ecs.describeCapacityProvider(capacity.name);
    return {
      name: groupNameOf(provider.autoScalingGroupArn),
      provider: {
        managedScaling: provider.managedScaling.enabled,
        managedTerminationProtection: provider.managedTerminationProtection,
        targetCapacity: provider.managedScaling.targetCapacity,
      },
    };
  };
  return {
    describeCluster: async (capacity, cluster, serviceIds) =>
      describeCluster(clients, await groupOf(capacity), cluster, serviceIds),
    setDesiredInstances: async (capacity, desired) =>
      asg.setDesiredCapacity((await groupOf(capacity)).name, desired),
    setProtection: async (capacity, ids, protect) => {
      if (ids.length > 0) await asg.setInstanceProtection((await groupOf(capacity)).name, ids, protect);
    },
    drain: (cluster, ids) => drain(clients.ecs, cluster, ids),
    // TerminateInstanceInAutoScalingGroup names the instance only; the group is implied.
    terminate: (_capacity, ids) => asg.terminateInstances(ids),
    takeOverScaling: (capacity) => takeOverScaling(ecs, capacity),
  };
}

/**
 * UpdateCapacityProvider takes the whole managed scaling block (ECS fills omitted fields with defaults), so the
 * provider is read again and written back with only the two switches off: targetCapacity, step sizes and warm-up
 * stay as the user set them. Managed termination protection goes off with managed scaling because it "doesn't
 * work" without it [AWS API_AutoScalingGroupProviderUpdate]; Gantry protects busy instances itself.
 */
async function takeOverScaling(ecs: EcsCapacityPort, capacity: CapacityConfig): Promise<void> {
  if (capacity.mode !== "capacityProvider") {
    throw new ValidationError(
      `capacity ${capacity.name} is an Auto Scaling group, not a capacity provider`,
      "mode",
    );
  }
  const provider = await ecs.describeCapacityProvider(capacity.name);
  if (!provider.managedScaling.enabled && !provider.managedTerminationProtection) return;
  await ecs.updateCapacityProvider(capacity.name, {
    managedScaling: { ...provider.managedScaling, enabled: false },
    managedTerminationProtection: false,
  });
}

async function describeCluster(
  clients: ClusterCapacityClients,
  group: Group,
  cluster: string,
  serviceIds: readonly string[],
): Promise<ClusterSnapshot> {
  const names = serviceIds.map((id) => id.slice(id.lastIndexOf("/") + 1));
  const [asgGroup, containers, tasks, definitions] = await Promise.all([
    createAsgPort(clients.autoScaling).describeGroup(group.name),
    readContainerInstances(clients.ecs, cluster),
    readTasks(clients.ecs, cluster),
    readServiceTaskDefinitions(clients.ecs, cluster, names),
  ]);
  const read = taskDefinitionReader(clients.ecs);
  const resources = new Map<string, TaskResources>();
  const arns = new Set([...tasks.map((t) => t.taskDefinitionArn ?? ""), ...definitions.values()]);
  for (const arn of arns) if (arn) resources.set(arn, taskResourcesOf(await read(arn)));

  const taskSizes: Record<string, TaskResources> = {};
  serviceIds.forEach((id, i) => {
    const size = resources.get(definitions.get(names[i] ?? "") ?? "");
    if (size) taskSizes[id] = size;
  });
  const shape = shapeOf(asgGroup, containers);
  const now = clients.now?.() ?? Date.now();
  const reads = { cluster, group: asgGroup, containers, tasks, resources, now };
  return {
    instances: joinInstances(reads, shape),
    instanceShape: shape,
    groupDesired: asgGroup.desiredCapacity,
    groupMinSize: asgGroup.minSize,
    groupMaxSize: asgGroup.maxSize,
    taskSizes,
    ...(group.provider && { provider: group.provider }),
  };
}

/** ECS drains container instances by ARN: map the EC2 ids through the cluster's container instances. */
async function drain(
  client: ECSClient,
  cluster: string,
  instanceIds: readonly string[],
): Promise<{ missing: string[] }> {
  if (instanceIds.length === 0) return { missing: [] };
  const containers = await readContainerInstances(client, cluster);
  const arnOf = new Map(containers.map((c) => [c.ec2InstanceId ?? "", c.containerInstanceArn ?? ""]));
  const known = instanceIds.filter((id) => arnOf.get(id));
  const missing = instanceIds.filter((id) => !arnOf.get(id));
  const result = await createEcsCapacityPort(client).drainContainerInstances(
    cluster,
    known.map((id) => arnOf.get(id) ?? ""),
  );
  const idOf = new Map(known.map((id) => [arnOf.get(id) ?? "", id]));
  return { missing: [...missing, ...result.missing.map((arn) => idOf.get(arn) ?? arn)] };
}

/** `arn:aws:autoscaling:…:autoScalingGroup:<uuid>:autoScalingGroupName/<name>` → `<name>`. */
function groupNameOf(arn: string): string {
  const marker = "autoScalingGroupName/";
  const at = arn.indexOf(marker);
  if (at < 0) throw new ValidationError(`not an Auto Scaling group ARN: ${arn}`, "autoScalingGroupArn");
  return arn.slice(at + marker.length);
}

import type { ContainerInstance, Task } from "@aws-sdk/client-ecs";
import type { InstanceLifecycle, InstanceState, TaskFootprint, TaskResources } from "@gantry/core";
import { formatServiceId } from "@gantry/core";
import { resourceName } from "../ecs/ecs-failures.ts";
import type { AsgGroup, AsgInstance } from "./capacity-ports.ts";

/** What describeCluster read, joined here without further calls. */
export interface ClusterReads {
  cluster: string;
  group: AsgGroup;
  containers: readonly ContainerInstance[];
  tasks: readonly Task[];
  /** Task definition ARN → what its tasks reserve. */
  resources: ReadonlyMap<string, TaskResources>;
  now: number;
}

/**
 * The group's instances as the planner sees them. Instances of the cluster outside the group are left out: Gantry
 * neither launches nor drains them. An instance the group has but ECS has not registered yet is Pending, sized
 * like the group's registered ones, so that capacity already ordered counts.
 */
export function joinInstances(reads: ClusterReads, shape: { cpu: number; memory: number } | undefined) {
  const byEc2 = new Map(reads.containers.map((c) => [c.ec2InstanceId ?? "", c]));
  const tasksOn = groupTasks(reads);
  return reads.group.instances.map((asg): InstanceState => {
    const container = byEc2.get(asg.id);
    const registered = container ? registeredSize(container) : undefined;
    const size = registered ?? shape ?? { cpu: 0, memory: 0 };
    return {
      id: asg.id,
      instanceType: asg.instanceType ?? "",
      cpu: size.cpu,
      memory: size.memory,
      launchTime: container?.registeredAt?.getTime() ?? reads.now,
      protectedFromScaleIn: asg.protectedFromScaleIn,
      draining: container?.status === "DRAINING",
      tasks: container?.containerInstanceArn ? (tasksOn.get(container.containerInstanceArn) ?? []) : [],
      lifecycle: lifecycleOf(asg, container),
    };
  });
}

/** The registered size of the group's first registered instance: every instance of a group has one type. */
export function shapeOf(group: AsgGroup, containers: readonly ContainerInstance[]) {
  const members = new Set(group.instances.map((i) => i.id));
  for (const c of containers) {
    const size = members.has(c.ec2InstanceId ?? "") ? registeredSize(c) : undefined;
    if (size) return size;
  }
  return undefined;
}

function registeredSize(container: ContainerInstance) {
  const value = (name: string) =>
    container.registeredResources?.find((r) => r.name === name)?.integerValue ?? undefined;
  const cpu = value("CPU");
  const memory = value("MEMORY");
  return cpu && memory ? { cpu, memory } : undefined;
}

function lifecycleOf(asg: AsgInstance, container: ContainerInstance | undefined): InstanceLifecycle {
  if (asg.lifecycleState.startsWith("Pending")) return "Pending";
  // Standby, detaching, terminating, warm pool: none of them takes tasks.
  if (asg.lifecycleState !== "InService") return "Terminating";
  const status = container?.status;
  if (status === "ACTIVE" || status === "DRAINING") return "InService";
  return status === undefined || status === "REGISTERING" ? "Pending" : "Terminating";
}

/** Container instance ARN → its tasks; a service task's id is `service/<cluster>/<service>`. */
function groupTasks(reads: ClusterReads): Map<string, TaskFootprint[]> {
  const clusterName = resourceName(reads.cluster);
  const byInstance = new Map<string, TaskFootprint[]>();
  for (const task of reads.tasks) {
    const on = task.containerInstanceArn;
    const resources = reads.resources.get(task.taskDefinitionArn ?? "");
    if (!on || !resources) continue;
    const group = task.group ?? "";
    const serviceId = group.startsWith("service:")
      ? formatServiceId({ cluster: clusterName, service: group.slice("service:".length) })
      : `task/${clusterName}/${group || (task.taskArn ?? "")}`;
    byInstance.set(on, [...(byInstance.get(on) ?? []), { serviceId, ...resources }]);
  }
  return byInstance;
}

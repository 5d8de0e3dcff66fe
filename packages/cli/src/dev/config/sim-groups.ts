// The EC2 groups of `gantry dev --config`: one simulated Auto Scaling group per capacity name the targets give,
// under the services that name it (the others run on Fargate), and one capacity port over all of them.
import {
  type CapacityConfig,
  type Clock,
  type ClusterCapacityPort,
  NotFoundError,
  parseServiceId,
} from "@gantry/core";
import { createSimClusterCapacityPort, Ec2Cluster, type InstanceShape } from "@gantry/sim";
import { type DevGroup, DevGroupSchema, type DevSection } from "./dev-section.ts";

/** A group's services: their ids, task sizes and the tasks they start with. */
export interface GroupMember {
  id: string;
  capacity: CapacityConfig;
  task: InstanceShape;
  initialTasks: number;
}

export interface SimGroup {
  name: string;
  clusterName: string;
  cluster: Ec2Cluster;
  /** MaxSize: room above the largest maxInstances for draining instances, as the demo's group has. */
  maxSize: number;
}

/** Tasks of the largest size that fit on one instance. */
function tasksPerInstance(instance: InstanceShape, tasks: readonly InstanceShape[]): number {
  return Math.min(
    ...tasks.map((t) => Math.floor(Math.min(instance.cpu / t.cpu, instance.memory / t.memory))),
  );
}

/** Instances enough for the initial tasks and the headroom, within the group's bounds. */
function initialInstances(members: readonly GroupMember[], group: DevGroup): number {
  if (group.initialInstances !== undefined) return group.initialInstances;
  const capacity = members[0]?.capacity as CapacityConfig;
  const tasks = members.reduce((sum, m) => sum + m.initialTasks, 0) + capacity.headroomTasks;
  const perInstance = tasksPerInstance(
    group.instance,
    members.map((m) => m.task),
  );
  const needed = tasks === 0 ? 0 : Math.ceil(tasks / perInstance);
  return Math.min(Math.max(needed, capacity.minInstances), capacity.maxInstances);
}

/** The `dev.capacity` settings of a group, with their defaults when the section leaves it out. */
export function groupSettings(dev: DevSection, name: string): DevGroup {
  return dev.capacity[name] ?? DevGroupSchema.parse({});
}

/** Why a group cannot be simulated (field: where in the file), or undefined. */
function groupProblem(name: string, members: readonly GroupMember[], group: DevGroup): string | undefined {
  const clusters = [...new Set(members.map((m) => parseServiceId(m.id).cluster))];
  if (clusters.length > 1) {
    return `capacity ${name}: serves services of ECS clusters ${clusters.join(" and ")}; a group serves one cluster`;
  }
  const small = members.find((m) => tasksPerInstance(group.instance, [m.task]) < 1);
  if (small) {
    const { cpu, memory } = group.instance;
    return `dev.services.${small.id}.task: does not fit on group ${name}'s instances (${cpu} CPU units, ${memory} MiB)`;
  }
  return undefined;
}

export function createSimGroup(
  name: string,
  members: readonly GroupMember[],
  group: DevGroup,
  startMs: number,
): SimGroup {
  const cluster = new Ec2Cluster({
    instanceShape: group.instance,
    taskSizes: Object.fromEntries(members.map((m) => [m.id, m.task])),
    launchSeconds: group.launchSeconds,
    instanceType: `sim.${group.instance.cpu / 1024}vcpu`,
    startMs,
    initialInstances: initialInstances(members, group),
    // Gantry owns scale-in: drained instances stay until it terminates them.
    terminateDrainedWhenEmpty: false,
  });
  const maxSize = Math.max(...members.map((m) => m.capacity.maxInstances)) + 4;
  return { name, clusterName: parseServiceId(members[0]?.id ?? "").cluster, cluster, maxSize };
}

/** One port over every group: calls go to the group the capacity names, drains to the cluster's group. */
export function groupsCapacityPort(groups: readonly SimGroup[], clock: Clock): ClusterCapacityPort {
  const ports = new Map(
    groups.map((g) => [
      g.name,
      createSimClusterCapacityPort({
        cluster: g.cluster,
        clock,
        groupName: g.name,
        clusterName: g.clusterName,
        maxSize: g.maxSize,
      }),
    ]),
  );
  const byName = (capacity: CapacityConfig) => {
    const port = ports.get(capacity.name);
    if (!port)
      throw new NotFoundError(`no Auto Scaling group or capacity provider named ${capacity.name}`, "name");
    return port;
  };
  return {
    describeCluster: (capacity, cluster, ids) => byName(capacity).describeCluster(capacity, cluster, ids),
    setDesiredInstances: (capacity, desired) => byName(capacity).setDesiredInstances(capacity, desired),
    setProtection: (capacity, ids, protect) => byName(capacity).setProtection(capacity, ids, protect),
    terminate: (capacity, ids) => byName(capacity).terminate(capacity, ids),
    takeOverScaling: (capacity) => byName(capacity).takeOverScaling(capacity),
    drain: async (cluster, ids) => {
      const group = groups.find((g) => g.clusterName === cluster);
      if (!group) throw new NotFoundError(`no ECS cluster ${cluster}`, "cluster");
      return (ports.get(group.name) as ClusterCapacityPort).drain(cluster, ids);
    },
  };
}

/** Why the groups cannot be simulated: each naming its group or field. */
export function groupsProblems(members: Map<string, GroupMember[]>, dev: DevSection): string[] {
  const problems = [...members].flatMap(
    ([name, list]) => groupProblem(name, list, groupSettings(dev, name)) ?? [],
  );
  for (const name of Object.keys(dev.capacity)) {
    if (!members.has(name)) problems.push(`dev.capacity.${name}: no target's capacity has this name`);
  }
  const byCluster = new Map<string, string>();
  for (const [name, list] of members) {
    const cluster = parseServiceId(list[0]?.id ?? "").cluster;
    const other = byCluster.get(cluster);
    if (other)
      problems.push(
        `capacity ${name}: ECS cluster ${cluster} has group ${other} already; gantry dev simulates one group per cluster`,
      );
    byCluster.set(cluster, name);
  }
  return problems;
}

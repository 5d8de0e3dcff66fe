import type {
  CapacityConfig,
  ServiceDemand,
  ServiceSnapshot,
  TargetConfig,
  TaskResources,
} from "@gantry/core";
import { parseServiceId } from "@gantry/core";
import type { TargetOutcome } from "../reconciler-types.ts";

/** The targets that share one group or capacity provider, and the cluster they run in. */
export interface CapacityGroup {
  name: string;
  cluster: string;
  /** The first target's (by id): targets of one group should agree, and `mismatched` says when they do not. */
  config: CapacityConfig;
  serviceIds: string[];
  mismatched: boolean;
  /** Why the group cannot be planned (its services span several clusters); planned only when absent. */
  problem?: string;
}

/** Targets with a capacity block, grouped by its name. A group's targets must share one cluster. */
export function capacityGroups(targets: readonly TargetConfig[]): CapacityGroup[] {
  const byName = new Map<string, TargetConfig["target"][]>();
  for (const { target } of [...targets].sort((a, b) => a.target.id.localeCompare(b.target.id))) {
    if (target.capacity)
      byName.set(target.capacity.name, [...(byName.get(target.capacity.name) ?? []), target]);
  }
  return [...byName].map(([name, members]) => {
    const config = members[0]?.capacity as CapacityConfig;
    const clusters = new Set(members.map((t) => clusterOf(t.id)));
    const same = (c: CapacityConfig | undefined) => JSON.stringify(c) === JSON.stringify(config);
    return {
      name,
      cluster: [...clusters][0] ?? "",
      config,
      serviceIds: members.map((t) => t.id),
      mismatched: !members.every((t) => same(t.capacity)),
      ...(clusters.size > 1 && {
        problem: `its services span several clusters: ${[...clusters].join(", ")}`,
      }),
    };
  });
}

/** `service/<cluster>/<service>` → `<cluster>`. */
export function clusterOf(serviceId: string): string {
  return parseServiceId(serviceId, "target.id").cluster;
}

/**
 * The services' demand after stage 1. A target stage 1 scaled counts at its new desired count (UpdateService may
 * not show in DescribeServices yet) and is `scalingOut` when that count rose; the rest count as ECS reports them.
 * A service without a snapshot or a task size is left out, and named in `unsized`.
 */
export function serviceDemands(
  serviceIds: readonly string[],
  snapshots: ReadonlyMap<string, ServiceSnapshot>,
  outcomes: ReadonlyMap<string, TargetOutcome>,
  taskSizes: Readonly<Record<string, TaskResources>>,
): { services: ServiceDemand[]; unsized: string[] } {
  const services: ServiceDemand[] = [];
  const unsized: string[] = [];
  for (const id of serviceIds) {
    const snapshot = snapshots.get(id);
    const task = taskSizes[id];
    if (!snapshot || !task) {
      unsized.push(id);
      continue;
    }
    const outcome = outcomes.get(id);
    const scaled = outcome?.status === "Successful";
    services.push({
      serviceId: id,
      desiredCount: scaled ? outcome.toCapacity : snapshot.desiredCount,
      runningCount: snapshot.runningCount,
      pendingCount: snapshot.pendingCount,
      deploymentInProgress: snapshot.deploymentInProgress,
      scalingOut: scaled && outcome.toCapacity > outcome.fromCapacity,
      task,
    });
  }
  return { services, unsized };
}

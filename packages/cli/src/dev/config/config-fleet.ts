// `gantry dev --config`: the user's targets, each on a simulated service named as its id (its queue named as its
// policies name it), fed as the file's `dev:` section says; services whose targets name a capacity group run on
// that group's simulated EC2 instances, the others on Fargate.
import { type CapacityConfig, parseServiceId, type TargetConfig, ValidationError } from "@gantry/core";
import { placementByService, SimAccount } from "@gantry/sim";
import type { SimFleet } from "../sim-fleet.ts";
import { type DevSection, type DevService, DevServiceSchema } from "./dev-section.ts";
import { type ServiceWorkload, serviceWorkload } from "./service-load.ts";
import {
  createSimGroup,
  type GroupMember,
  groupSettings,
  groupsCapacityPort,
  groupsProblems,
  type SimGroup,
} from "./sim-groups.ts";
import { targetQueue } from "./target-queue.ts";

export interface ConfigFleet extends SimFleet {
  groups: SimGroup[];
}

interface Planned {
  config: TargetConfig;
  dev: DevService;
  queue: string | undefined;
  workload: ServiceWorkload;
  initialTasks: number;
}

/** Where a target starts: the section's initialTasks, else its minimum (at least one task, at most its maximum). */
function initialTasksOf(config: TargetConfig, dev: DevService): number {
  const { minCapacity, maxCapacity } = config.target;
  return dev.initialTasks ?? Math.min(Math.max(minCapacity, 1), maxCapacity);
}

/** One target's service, or the problem (naming its field) that keeps it from being simulated. */
function planTarget(
  config: TargetConfig,
  index: number,
  dev: DevSection,
  context: { baseDir: string; queues: Map<string, string> },
): Planned | string {
  const id = config.target.id;
  const service = dev.services[id] ?? DevServiceSchema.parse({});
  const queue = targetQueue(config, `targets[${index}]`);
  if (queue.problem) return queue.problem;
  if (queue.name !== undefined) {
    const sharing = context.queues.get(queue.name);
    if (sharing)
      return `targets[${index}]: reads queue ${queue.name}, as ${sharing} does; gantry dev gives each service its own queue`;
    context.queues.set(queue.name, id);
  }
  try {
    const options = {
      hasQueue: queue.name !== undefined,
      baseDir: context.baseDir,
      field: `dev.services.${id}`,
    };
    const workload = serviceWorkload(config, service, options);
    return {
      config,
      dev: service,
      queue: queue.name,
      workload,
      initialTasks: initialTasksOf(config, service),
    };
  } catch (error) {
    if (error instanceof ValidationError) return error.message;
    throw error;
  }
}

/** Each target's service, or the problems (each naming its field) that keep them from being simulated. */
function planTargets(configs: readonly TargetConfig[], dev: DevSection, baseDir: string) {
  const context = { baseDir, queues: new Map<string, string>() };
  const results = configs.map((config, i) => planTarget(config, i, dev, context));
  const problems = results.filter((r): r is string => typeof r === "string");
  const ids = new Set(configs.map((c) => c.target.id));
  for (const id of Object.keys(dev.services)) {
    if (!ids.has(id)) problems.push(`dev.services.${id}: no target in targets has this id`);
  }
  return { planned: results.filter((r): r is Planned => typeof r !== "string"), problems };
}

/** The capacity groups the targets name, with their members. */
function groupMembers(planned: readonly Planned[]): Map<string, GroupMember[]> {
  const groups = new Map<string, GroupMember[]>();
  for (const { config, dev, initialTasks } of planned) {
    const capacity = config.target.capacity as CapacityConfig | undefined;
    if (capacity === undefined) continue;
    const member = { id: config.target.id, capacity, task: dev.task, initialTasks };
    groups.set(capacity.name, [...(groups.get(capacity.name) ?? []), member]);
  }
  return groups;
}

/** The fleet, or the problems that keep the file from being simulated, each naming its field. */
export function buildConfigFleet(
  configs: TargetConfig[],
  dev: DevSection,
  options: { baseDir: string; startMs: number },
): ConfigFleet | { problems: string[] } {
  const { planned, problems } = planTargets(configs, dev, options.baseDir);
  const members = groupMembers(planned);
  problems.push(...groupsProblems(members, dev));
  if (problems.length > 0) return { problems };
  const groups = [...members].map(([name, list]) =>
    createSimGroup(name, list, groupSettings(dev, name), options.startMs),
  );
  const hooks = Object.fromEntries(
    groups.flatMap((g) => (members.get(g.name) ?? []).map((m) => [m.id, g.cluster])),
  );
  const account = new SimAccount({
    startMs: options.startMs,
    seed: dev.seed,
    attributeLagSeconds: 5,
    placement: placementByService(hooks),
  });
  for (const { config, dev: service, queue, workload, initialTasks } of planned) {
    const { cluster, service: name } = parseServiceId(config.target.id);
    account.addService({
      cluster,
      name,
      // A service without a queue still has one in the simulator (its requests): named apart from real ones.
      queueName: queue ?? `gantry-dev-requests-${cluster}-${name}`,
      trace: workload.trace,
      processingTimeSeconds: workload.processingSeconds,
      concurrency: workload.concurrency,
      initialDesired: initialTasks,
      taskStartupSeconds: service.taskStartupSeconds,
      cloudwatchDelaySeconds: 60,
    });
  }
  const capacityPort =
    groups.length === 0
      ? undefined
      : (clock: Parameters<typeof groupsCapacityPort>[1]) => groupsCapacityPort(groups, clock);
  return { account, configs, groups, ...(capacityPort ? { capacityPort } : {}) };
}

import type { TaskDefinition } from "@aws-sdk/client-ecs";
import type { TaskResources } from "@gantry/core";

/**
 * What one task of this definition reserves on an EC2 instance [AWS]: the task-level CPU and memory when set,
 * else the containers' sum (a container reserves its soft `memoryReservation` when it has one, else its hard
 * `memory`). Only static host ports can conflict: awsvpc tasks have their own ENI and host port 0 is dynamic.
 */
export function taskResourcesOf(definition: TaskDefinition): TaskResources {
  const containers = definition.containerDefinitions ?? [];
  const sum = (of: (c: (typeof containers)[number]) => number) => containers.reduce((t, c) => t + of(c), 0);
  const cpu = positive(definition.cpu) ?? sum((c) => c.cpu ?? 0);
  const memory = positive(definition.memory) ?? sum((c) => c.memoryReservation ?? c.memory ?? 0);
  return { cpu, memory, hostPorts: staticHostPorts(definition) };
}

function staticHostPorts(definition: TaskDefinition): number[] {
  if (definition.networkMode === "awsvpc") return [];
  const host = definition.networkMode === "host";
  const ports = (definition.containerDefinitions ?? []).flatMap((c) =>
    (c.portMappings ?? []).map((m) => (host ? (m.hostPort ?? m.containerPort) : m.hostPort) ?? 0),
  );
  return [...new Set(ports.filter((p) => p > 0))].sort((a, b) => a - b);
}

function positive(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}

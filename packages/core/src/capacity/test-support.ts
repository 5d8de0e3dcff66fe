import { type CapacityConfigInput, CapacityConfigSchema } from "./capacity-config.ts";
import type {
  CapacityPlan,
  CapacityPlanInput,
  InstanceState,
  ServiceDemand,
  TaskFootprint,
  TaskResources,
} from "./cluster-model.ts";
import { planCapacity } from "./plan-capacity.ts";

// Builders for the cluster stage's tests: a cluster of m5.xlarge-like instances (4 vCPU, 8 GiB registered).

export const NOW = Date.UTC(2026, 0, 1, 12);
export const SHAPE = { cpu: 4096, memory: 8192 };
export const LONG_AGO = NOW - 3_600_000;
export const SMALL: TaskResources = { cpu: 1024, memory: 2048, hostPorts: [] };

export function config(overrides: Partial<CapacityConfigInput> = {}) {
  return CapacityConfigSchema.parse({ mode: "asg", name: "workers", maxInstances: 20, ...overrides });
}

export function task(serviceId: string, resources: Partial<TaskResources> = {}): TaskFootprint {
  return { serviceId, ...SMALL, ...resources };
}

export function tasks(n: number, serviceId = "web", resources: Partial<TaskResources> = {}): TaskFootprint[] {
  return Array.from({ length: n }, () => task(serviceId, resources));
}

export function service(
  serviceId: string,
  desiredCount: number,
  overrides: Partial<ServiceDemand> = {},
): ServiceDemand {
  return {
    serviceId,
    desiredCount,
    runningCount: desiredCount,
    pendingCount: 0,
    deploymentInProgress: false,
    scalingOut: false,
    task: SMALL,
    ...overrides,
  };
}

export function instance(
  id: string,
  running: TaskFootprint[] = [],
  overrides: Partial<InstanceState> = {},
): InstanceState {
  return {
    id,
    instanceType: "m5.xlarge",
    ...SHAPE,
    launchTime: LONG_AGO,
    protectedFromScaleIn: false,
    draining: false,
    tasks: running,
    lifecycle: "InService",
    ...overrides,
  };
}

export function plan(input: Partial<CapacityPlanInput> = {}): CapacityPlan {
  return planCapacity({
    now: NOW,
    config: config(),
    services: [],
    instances: [],
    instanceShape: SHAPE,
    ...input,
  });
}

export function codes(result: CapacityPlan): string[] {
  return result.reasons.map((r) => r.code);
}

export function reason(result: CapacityPlan, code: string): string {
  return (
    result.reasons.find((r) => r.code === code)?.message ?? `(no ${code} in ${codes(result).join(", ")})`
  );
}

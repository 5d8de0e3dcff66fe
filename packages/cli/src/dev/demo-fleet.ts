// The demo account of `gantry dev`: two SQS worker services on the default worker policy (scale to zero
// included) and one web service tracking ECS CPU, each fed from a trace.
import { parseWith, type TargetConfig, type TargetConfigInput, TargetConfigSchema } from "@gantry/core";
import { defaultWorkerConfig, SimAccount, type SimService } from "@gantry/sim";
import type { DemoTraces } from "./demo-traces.ts";

export const DEMO_CLUSTER = "demo";

export interface DemoFleet {
  account: SimAccount;
  services: { orders: SimService; events: SimService; web: SimService };
  configs: TargetConfig[];
}

/** The default worker policy on a service's own queue, within [0, max] tasks. */
function workerConfig(service: SimService, maxCapacity: number): TargetConfigInput {
  const processingTimeSeconds = service.settings.processingTimeSeconds;
  const config = defaultWorkerConfig({
    bounds: { minCapacity: 0, maxCapacity },
    slo: { latencySeconds: 60, processingTimeSeconds },
  });
  const policies = (config.policies ?? []).map((policy) => {
    const metric = policy.metric as { sqsUtilization: Record<string, unknown> };
    const sqsUtilization = { ...metric.sqsUtilization, queueUrl: service.queueUrl };
    return { ...policy, metric: { sqsUtilization } };
  });
  return { ...config, target: { ...config.target, id: service.id }, policies } as TargetConfigInput;
}

/** Target tracking at 50 % average CPU, AWS-style (3 datapoints out, 15 in, 300 s scale-in cooldown). */
function webConfig(service: SimService): TargetConfigInput {
  return {
    target: { id: service.id, minCapacity: 1, maxCapacity: 20 },
    policies: [
      {
        name: "cpu",
        type: "TargetTracking",
        targetValue: 50,
        metric: { predefined: "ECSServiceAverageCPUUtilization" },
        // Longer than a datapoint's delay, so one late datapoint does not scale out twice.
        scaleOutCooldown: 180,
        scaleInCooldown: 300,
      },
    ],
  };
}

/** A fresh account at `startMs` (a minute boundary is best) with the three services and their configs. */
export function createDemoFleet(traces: DemoTraces, startMs: number, seed = 0): DemoFleet {
  const account = new SimAccount({ startMs, seed, attributeLagSeconds: 5 });
  const base = { cluster: DEMO_CLUSTER, taskStartupSeconds: 30 };
  const orders = account.addService({
    ...base,
    name: "orders-worker",
    trace: traces.orders,
    processingTimeSeconds: traces.orders.processingTimeSeconds ?? 0.5,
    initialDesired: 4,
  });
  const events = account.addService({
    ...base,
    name: "events-worker",
    trace: traces.events,
    processingTimeSeconds: 2,
    initialDesired: 2,
  });
  const web = account.addService({
    ...base,
    name: "web",
    trace: traces.web,
    processingTimeSeconds: 0.2,
    concurrency: 4,
    initialDesired: 8,
    cloudwatchDelaySeconds: 60,
  });
  const inputs = [workerConfig(orders, 40), workerConfig(events, 30), webConfig(web)];
  const configs = inputs.map((input) => parseWith(TargetConfigSchema, input));
  return { account, services: { orders, events, web }, configs };
}

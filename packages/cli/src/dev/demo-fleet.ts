// The demo account of `gantry dev`: two SQS worker services on the default worker policy (scale to zero
// included), on one EC2 cluster whose Auto Scaling group the second stage sizes (mode asg), a batch worker in a
// second ECS cluster behind a capacity provider (mode capacityProvider), and one web service tracking ECS CPU on
// Fargate, each fed from a trace.
import {
  type Clock,
  formatServiceId,
  parseWith,
  type TargetConfigInput,
  TargetConfigSchema,
} from "@gantry/core";
import {
  defaultWorkerConfig,
  type Ec2Cluster,
  placementByService,
  SimAccount,
  type SimService,
} from "@gantry/sim";
import {
  createDemoCapacityPort,
  createDemoCluster,
  demoCapacity,
  demoProviderCapacity,
  instancesFor,
} from "./demo-cluster.ts";
import type { DemoTraces } from "./demo-traces.ts";
import type { SimFleet } from "./sim-fleet.ts";

export const DEMO_CLUSTER = "demo";
/** The batch worker's ECS cluster: one group per cluster, as gantry dev simulates them. */
export const DEMO_BATCH_CLUSTER = "demo-batch";

export interface DemoFleet extends SimFleet {
  /** The workers' EC2 instances (Auto Scaling group `demo-workers`); the web service runs on Fargate. */
  cluster: Ec2Cluster;
  /** The batch worker's EC2 instances (capacity provider `demo-batch-cp`). */
  batchCluster: Ec2Cluster;
  services: { orders: SimService; events: SimService; batch: SimService; web: SimService };
}

const ORDERS = { name: "orders-worker", initialDesired: 4 };
const EVENTS = { name: "events-worker", initialDesired: 2 };
const BATCH = { name: "batch-worker", initialDesired: 4 };
const serviceId = (name: string, cluster = DEMO_CLUSTER) => formatServiceId({ cluster, service: name });

/** The default worker policy on a service's own queue, within [0, max] tasks, sized by the second stage. */
function workerConfig(
  service: SimService,
  maxCapacity: number,
  capacity = demoCapacity(),
): TargetConfigInput {
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
  const target = { ...config.target, id: service.id, capacity };
  return { ...config, target, policies } as TargetConfigInput;
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

/**
 * A fresh account at `startMs` (a minute boundary is best) with the three services and their configs. Only
 * the workers go on the cluster: the CPU-tracked web service stays on Fargate (one ECS cluster may mix launch
 * types), so its target tracking is not bound by instances, and the group is sized for the workers alone.
 */
export function createDemoFleet(traces: DemoTraces, startMs: number, seed = 0): DemoFleet {
  const workerIds = [ORDERS, EVENTS].map((w) => serviceId(w.name));
  const initialInstances = instancesFor(ORDERS.initialDesired + EVENTS.initialDesired);
  const cluster = createDemoCluster(workerIds, startMs, initialInstances);
  const batchId = serviceId(BATCH.name, DEMO_BATCH_CLUSTER);
  // 4 tasks fill one instance; at the provider's 80 % the plan keeps two.
  const batchCluster = createDemoCluster([batchId], startMs, 2);
  const placement = placementByService({
    ...Object.fromEntries(workerIds.map((id) => [id, cluster])),
    [batchId]: batchCluster,
  });
  const account = new SimAccount({ startMs, seed, attributeLagSeconds: 5, placement });
  const base = { cluster: DEMO_CLUSTER, taskStartupSeconds: 30 };
  const orders = account.addService({
    ...base,
    ...ORDERS,
    trace: traces.orders,
    processingTimeSeconds: traces.orders.processingTimeSeconds ?? 0.5,
  });
  const events = account.addService({ ...base, ...EVENTS, trace: traces.events, processingTimeSeconds: 2 });
  const web = account.addService({
    ...base,
    name: "web",
    trace: traces.web,
    processingTimeSeconds: 0.2,
    concurrency: 4,
    initialDesired: 8,
    cloudwatchDelaySeconds: 60,
  });
  const batch = account.addService({
    ...base,
    ...BATCH,
    cluster: DEMO_BATCH_CLUSTER,
    trace: traces.events,
    processingTimeSeconds: 1,
  });
  const inputs = [
    workerConfig(orders, 40),
    workerConfig(events, 30),
    workerConfig(batch, 20, demoProviderCapacity()),
    webConfig(web),
  ];
  const configs = inputs.map((input) => parseWith(TargetConfigSchema, input));
  const clusters = {
    workers: { name: DEMO_CLUSTER, cluster },
    batch: { name: DEMO_BATCH_CLUSTER, cluster: batchCluster },
  };
  const capacityPort = (clock: Clock) => createDemoCapacityPort(clusters, clock);
  return { account, cluster, batchCluster, services: { orders, events, batch, web }, configs, capacityPort };
}

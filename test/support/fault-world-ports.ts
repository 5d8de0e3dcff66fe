// The reconciler's ports in the fault world: the real AWS adapters over the simulated account through a SimWire,
// and the in-memory store, events, group and alarms, each wrapped so the scenario can fail its calls.
import type { MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { createEcsPort, createMetricsPort, createQueuePort } from "@gantry/aws";
import type { EventsPort } from "@gantry/core";
import { MemoryCapacityStore, MemoryStateStore, RecordingEventsPort } from "@gantry/runtime/local-stack";
import { createSimClusterCapacityPort, type DesiredHistory, type SimAccount } from "@gantry/sim";
import type { InvocationRunner } from "./fault-context.ts";
import type { FaultLedger } from "./fault-ledger.ts";
import {
  createHooked,
  createJitter,
  type Hooked,
  idSequence,
  recordConfigs,
  SDK_ATTEMPTS,
} from "./fault-port-wrapping.ts";
import type { CapacityCluster } from "./fault-world-account.ts";
import type { FaultWorldOptions, StoredConfig } from "./fault-world-types.ts";
import { simCloudWatchClient, simEcsClient, simSqsClient } from "./sim-aws-clients.ts";
import { SimWire, type WireCall } from "./sim-wire.ts";

export interface PortsWorld {
  options: FaultWorldOptions;
  ledger: FaultLedger;
  runner: InvocationRunner;
  account: SimAccount;
  history: DesiredHistory<unknown>;
  cluster: CapacityCluster | undefined;
}

export function faultPorts(world: PortsWorld) {
  const { options, ledger, runner, account } = world;
  const onHang = () => runner.stopCurrent();
  const jitter = createJitter(options.jitterSeed);
  const wire = new SimWire({
    account,
    latencyMs: options.latencyMs ?? 0,
    maxAttempts: SDK_ATTEMPTS,
    hook: (call: WireCall) => ledger.decide(call),
    jitter,
    onFailure: (call, error) => ledger.failed(call, error),
    onRefusal: (call, error) => ledger.refusedWith(call, error as Error),
    onHang,
  });
  const hooked = createHooked({ ledger, account, latencyMs: options.latencyMs ?? 0, jitter, onHang });
  const memory = new MemoryStateStore({ now: () => account.now() });
  const storedConfigs: StoredConfig[] = [];
  const store = hooked(
    recordConfigs(memory, storedConfigs, () => account.now()),
    "dynamodb",
  );
  const events = new RecordingEventsPort();
  const statusOf = metricStatusOf(options, ledger);
  const ports = {
    store,
    ecs: createEcsPort(simEcsClient(account, wire), { retryDelaysMs: [0] }),
    metrics: createMetricsPort(simCloudWatchClient(account, wire, statusOf ? { statusOf } : {})),
    queues: createQueuePort(simSqsClient(account, wire)),
    events: hooked(events as EventsPort, "events"),
    clock: { now: () => account.now() },
    randomId: idSequence(),
  };
  const capacity = world.cluster && capacityPorts(world.cluster, world, ports.clock, hooked);
  const alarms = options.alarms && hooked(options.alarms, "cloudwatch-alarms");
  return { memory, storedConfigs, events, ports, capacity, alarms };
}

/** Per-query CloudWatch answers other than Complete, each counted as the account's own fault. */
function metricStatusOf(options: FaultWorldOptions, ledger: FaultLedger) {
  const metricStatus = options.metricStatus;
  return (
    metricStatus &&
    ((query: MetricDataQuery) => {
      const status = metricStatus(query);
      if (status) ledger.refused(`cloudwatch.GetMetricData query answered ${status}`);
      return status;
    })
  );
}

/** The capacity stage's group (over the simulated EC2 cluster) and its store. */
function capacityPorts(
  cluster: CapacityCluster,
  world: PortsWorld,
  clock: { now: () => number },
  hooked: Hooked,
) {
  return {
    port: hooked(
      createSimClusterCapacityPort({
        cluster: cluster.ec2,
        clock,
        groupName: cluster.options.groupName,
        clusterName: cluster.options.cluster,
        minSize: cluster.options.minSize ?? 0,
        maxSize: cluster.options.maxSize ?? 20,
        history: world.history,
      }),
      "autoscaling",
    ),
    store: hooked(new MemoryCapacityStore(), "capacity-store"),
  };
}

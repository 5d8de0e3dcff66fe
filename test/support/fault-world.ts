// The fault suite's world: the real tick, alarm and API handlers and the real AWS adapters (ECS, CloudWatch, SQS)
// on the simulated account, reached through a SimWire, plus the in-memory store, events and, when asked, an EC2
// group for the capacity stage. Every call may be failed before or after its effect, or left unanswered, by the
// scenario's hook; the account records every desired count it applied, with the invocation that asked.
// The parts live beside it: fault-world-account, fault-ledger, fault-port-wrapping, fault-world-ports,
// fault-world-handlers and fault-world-configs.
import type { TargetOutcome } from "@gantry/runtime";
import { createReconciler } from "@gantry/runtime";
import type { DesiredHistory } from "@gantry/sim";
import { FaultLedger } from "./fault-ledger.ts";
import { faultAccount } from "./fault-world-account.ts";
import { faultConfigs } from "./fault-world-configs.ts";
import { faultHandlers } from "./fault-world-handlers.ts";
import { faultPorts } from "./fault-world-ports.ts";
import type { FaultWorldOptions } from "./fault-world-types.ts";

export { capacityBlock, MINUTE, START } from "./fault-world-account.ts";
export { readRecords } from "./fault-world-handlers.ts";
export type {
  CapacityWorld,
  ConfigWrite,
  FaultCall,
  FaultHookFn,
  FaultWorldOptions,
  InjectedFault,
  PassRecord,
  ScenarioFault,
  StoredConfig,
} from "./fault-world-types.ts";

export function faultWorld(options: FaultWorldOptions) {
  const { runner, history, cluster, account, services } = faultAccount(options);
  const ledger = new FaultLedger(runner, account, options.hook);
  const { memory, storedConfigs, events, ports, capacity, alarms } = faultPorts({
    options,
    ledger,
    runner,
    account,
    history: history as DesiredHistory<unknown>,
    cluster,
  });
  const reconciler = createReconciler({ ...ports, ...(capacity && { capacity }), ...(alarms && { alarms }) });
  const handlers = faultHandlers({
    runner,
    account,
    reconciler,
    store: ports.store,
    ecs: ports.ecs,
    clock: ports.clock,
  });
  const configs = faultConfigs({ account, memory, storedConfigs, request: handlers.request });
  return {
    account,
    services,
    history,
    runner,
    faults: ledger.faults,
    surfaced: ledger.surfaced,
    passes: handlers.passes,
    configWrites: configs.configWrites,
    storedConfigs,
    memory,
    events,
    capacityCluster: cluster?.ec2,
    capacityOptions: options.capacity,
    faultyTargets: new Set(options.faultyTargets ?? []),
    attempts: () => ledger.attempts,
    /** From now on no call is failed (hard-stopped invocations stay stopped). */
    faultsOff() {
      ledger.stopInjecting();
    },
    register: configs.register,
    tick: handlers.tick,
    alarm: handlers.alarm,
    request: handlers.request,
    putConfig: configs.putConfig,
    /** The target as stored now, read below the faults. */
    read: (targetId: string) => memory.getTarget(targetId),
    outcomesOf(targetId: string): TargetOutcome[] {
      return handlers.passes.flatMap((p) => p.summary.outcomes.filter((o) => o.targetId === targetId));
    },
  };
}

export type FaultWorld = ReturnType<typeof faultWorld>;

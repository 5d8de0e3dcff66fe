// Port wrapping for the fault world: each port call goes through the scenario's hook and the SDK's retries, reports
// its final failure to the ledger, and lets the latency (and other invocations) pass first, as a round trip would.
import type { StateStore, TargetConfig } from "@gantry/core";
import type { MemoryStateStore } from "@gantry/runtime/local-stack";
import {
  aroundMethods,
  createPrng,
  type HookedCall,
  type SimAccount,
  withFaultHooks,
  withRetries,
} from "@gantry/sim";
import type { FaultLedger } from "./fault-ledger.ts";
import type { StoredConfig } from "./fault-world-types.ts";

/** The SDK's attempts per call in Gantry's client factory. */
export const SDK_ATTEMPTS = 5;

export interface PortWrapping {
  ledger: FaultLedger;
  account: SimAccount;
  latencyMs: number;
  jitter: () => Promise<void>;
  onHang: () => void;
}

/** Wraps a port so the scenario can fail its calls, as `name` (`dynamodb`, `events`…). */
export type Hooked = <T extends object>(port: T, name: string) => T;

export function createHooked({ ledger, account, latencyMs, jitter, onHang }: PortWrapping): Hooked {
  const portHook = (call: HookedCall) =>
    ledger.decide({ service: call.port, operation: call.method, input: call.args, attempt: 1 });
  return <T extends object>(port: T, name: string): T => {
    const retried = withRetries(withFaultHooks(port, name, portHook, { onHang }), SDK_ATTEMPTS);
    const watched = onFailure(retried, (method, args, error) =>
      ledger.failed({ service: name, operation: method, input: args, attempt: 1 }, error),
    );
    return withLatency(watched, account, latencyMs, jitter);
  };
}

/** Extra yields (0–3) before each call, seeded, so concurrent invocations interleave differently per seed. */
export function createJitter(seed: number | undefined): () => Promise<void> {
  const random = seed === undefined ? undefined : createPrng(seed);
  return async () => {
    for (let i = Math.floor((random?.() ?? 0) * 4); i > 0; i--) await new Promise((r) => setImmediate(r));
  };
}

/** Tells `report` of every call that throws (a port's final failure, after its retries). */
function onFailure<T extends object>(
  port: T,
  report: (method: string, args: unknown[], error: unknown) => void,
): T {
  return aroundMethods(port, async (method, args, call) => {
    try {
      return await call();
    } catch (error) {
      report(method, args, error);
      throw error;
    }
  });
}

/** Each call first lets the latency pass, as a network round trip would, and lets other invocations run. */
function withLatency<T extends object>(
  port: T,
  account: SimAccount,
  ms: number,
  jitter: () => Promise<void>,
): T {
  return aroundMethods(port, async (_method, _args, call) => {
    await new Promise((resolve) => setImmediate(resolve));
    await jitter();
    if (ms > 0) account.advance(ms);
    return call();
  });
}

/** Records the configs the store accepted, with the time they landed (the store's own history). */
export function recordConfigs(store: MemoryStateStore, log: StoredConfig[], now: () => number): StateStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      if (key !== "putConfig") return value.bind(target);
      return async (config: TargetConfig, expected: number | undefined) => {
        const version = await target.putConfig(config, expected);
        log.push({ targetId: config.target.id, config: structuredClone(config), at: now() });
        return version;
      };
    },
  }) as unknown as StateStore;
}

/** Request ids `r0000`, `r0001`…: deterministic, so runs replay. */
export function idSequence(): () => string {
  let n = 0;
  return () => `r${(n++).toString(36).padStart(4, "0")}`;
}

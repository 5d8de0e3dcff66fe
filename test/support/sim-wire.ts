// The network between the real AWS adapters and the simulated account: every SDK call goes through here, one
// attempt at a time, with the SDK's retry loop around it. A hook may fail an attempt before or after its effect,
// or leave it unanswered; a retried call's final error carries `$metadata.attempts`, as the SDK sets it.
import type { FaultAction, SimAccount } from "@gantry/sim";
import { never } from "@gantry/sim";
import { type SdkError, sdkRetries } from "./sdk-faults.ts";

/** One attempt of one SDK call, as a wire hook sees it. */
export interface WireCall {
  /** `ecs`, `cloudwatch`, `sqs`. */
  service: string;
  /** The SDK command without `Command`: `UpdateService`, `DescribeServices`, `GetMetricData`… */
  operation: string;
  input: Record<string, unknown>;
  /** 1 for the first try. */
  attempt: number;
}

export interface SimWireOptions {
  account: SimAccount;
  /** Simulated time one attempt takes. */
  latencyMs?: number;
  /** The SDK's maxAttempts (Gantry's clients use 5). */
  maxAttempts?: number;
  hook?: (call: WireCall) => FaultAction | undefined;
  /** Awaited before each attempt (extra yields, so concurrent invocations interleave differently). */
  jitter?: () => Promise<void>;
  /** Told when an attempt starts hanging. */
  onHang?: (call: WireCall) => void;
  /** Told when the account itself refuses an attempt (ClusterNotFoundException, QueueDoesNotExist…). */
  onRefusal?: (call: WireCall, error: unknown) => void;
  /** Told when a call fails for good, after the SDK's retries (the error its caller gets). */
  onFailure?: (call: WireCall, error: unknown) => void;
}

export class SimWire {
  readonly #options: SimWireOptions;

  constructor(options: SimWireOptions) {
    this.#options = options;
  }

  /** One SDK `send`: attempts `effect` until it answers, a non-retryable error, or maxAttempts. */
  async send<T>(service: string, operation: string, input: object, effect: () => T | Promise<T>): Promise<T> {
    const maxAttempts = this.#options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#attempt({ service, operation, input: { ...input }, attempt }, effect);
      } catch (error) {
        if (attempt < maxAttempts && sdkRetries(error)) continue;
        const sdk = error as SdkError;
        sdk.$metadata = { ...sdk.$metadata, attempts: attempt, totalRetryDelay: 0 };
        this.#options.onFailure?.({ service, operation, input: { ...input }, attempt }, sdk);
        throw sdk;
      }
    }
  }

  async #attempt<T>(call: WireCall, effect: () => T | Promise<T>): Promise<T> {
    const { account, latencyMs = 0, hook, onHang } = this.#options;
    // Let other invocations run between the request and its answer, as the network would.
    await new Promise((resolve) => setImmediate(resolve));
    await this.#options.jitter?.();
    if (latencyMs > 0) account.advance(latencyMs);
    const action = hook?.(call);
    if (action?.kind === "fail-before") throw action.error;
    if (action?.kind === "hang-before") return hang(call, onHang);
    const result = structuredClone(
      await Promise.resolve()
        .then(effect)
        .catch((error: unknown) => {
          this.#options.onRefusal?.(call, error);
          throw error;
        }),
    );
    if (action?.kind === "fail-after") throw action.error;
    if (action?.kind === "hang-after") return hang(call, onHang);
    return result;
  }
}

function hang<T>(call: WireCall, onHang: ((call: WireCall) => void) | undefined): Promise<T> {
  onHang?.(call);
  return never<T>();
}

import { GantryError, ThrottledError } from "@gantry/core";
import { createPrng } from "../account/prng.ts";
import { aroundMethods } from "./around-methods.ts";

/** How often calls fail: AWS-like throttling and server errors, drawn from a seeded stream. */
export interface FaultPlan {
  readonly seed: number;
  /** Share of calls that throw ThrottledError (0–1). */
  readonly throttleRate: number;
  /** Share of calls that throw a 5xx-style GantryError (0–1). */
  readonly errorRate: number;
}

export interface FaultCounts {
  calls: number;
  throttled: number;
  errors: number;
}

/** Decides, call by call, whether to fail; counts what it injected. */
export class FaultInjector {
  readonly counts: FaultCounts = { calls: 0, throttled: 0, errors: 0 };
  readonly #plan: FaultPlan;
  readonly #random: () => number;

  constructor(plan: FaultPlan) {
    this.#plan = plan;
    this.#random = createPrng(plan.seed);
  }

  /** Throws the injected failure for `action`, if this call draws one. */
  maybeFail(action: string): void {
    this.counts.calls++;
    const draw = this.#random();
    if (draw < this.#plan.throttleRate) {
      this.counts.throttled++;
      throw new ThrottledError(`${action} failed: ThrottlingException: Rate exceeded (injected)`);
    }
    if (draw < this.#plan.throttleRate + this.#plan.errorRate) {
      this.counts.errors++;
      throw new GantryError("InternalFailure", `${action} failed: InternalFailure: 500 (injected)`);
    }
  }
}

/**
 * Wraps every async method of a port so each call may fail first. The methods keep their types, so the wrapped
 * port still satisfies the port interface.
 */
export function withFaults<T extends object>(port: T, injector: FaultInjector, name: string): T {
  return aroundMethods(port, (method, _args, call) => {
    injector.maybeFail(`${name}.${method}`);
    return call();
  });
}

// Faults at a chosen point of a call: before it takes effect (nothing happened), after it (it happened, and the
// caller is told otherwise), or a call that never answers (the invocation stops there, as a Lambda cut short).
import { aroundMethods } from "./around-methods.ts";

/** One call of a hooked port, as the hook sees it. */
export interface HookedCall {
  /** The port's name (`ecs`, `dynamodb`, `autoscaling`…). */
  readonly port: string;
  readonly method: string;
  readonly args: readonly unknown[];
}

/**
 * What the call does instead of answering normally:
 * - `fail-before`: throws `error` without calling through (throttled, refused);
 * - `fail-after`: calls through, so the effect lands, then throws `error` (a 5xx after commit, a timeout);
 * - `hang-before` / `hang-after`: never settles, before or after the effect (a hard stop at that await).
 */
export type FaultAction =
  | { readonly kind: "fail-before"; readonly error: Error }
  | { readonly kind: "fail-after"; readonly error: Error }
  | { readonly kind: "hang-before" }
  | { readonly kind: "hang-after" };

/** Decides, call by call, whether and how to fail; undefined lets the call through. */
export type FaultHook = (call: HookedCall) => FaultAction | undefined;

export interface FaultHookOptions {
  /** Told when a call starts hanging (so a harness can stop waiting for the invocation). */
  readonly onHang?: (call: HookedCall) => void;
}

/** A promise that never settles: what a caller awaits when the process is gone. */
export function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

/**
 * Wraps every method of a port with `hook`. The wrapped port keeps the port's type, so it still satisfies the
 * port interface; every call becomes async.
 */
export function withFaultHooks<T extends object>(
  port: T,
  name: string,
  hook: FaultHook,
  options: FaultHookOptions = {},
): T {
  return aroundMethods(port, async (method, args, through) => {
    const call: HookedCall = { port: name, method, args };
    const action = hook(call);
    if (action?.kind === "fail-before") throw action.error;
    if (action?.kind === "hang-before") return hang(call, options);
    const result = await through();
    if (action?.kind === "fail-after") throw action.error;
    if (action?.kind === "hang-after") return hang(call, options);
    return result;
  });
}

function hang<T>(call: HookedCall, options: FaultHookOptions): Promise<T> {
  options.onHang?.(call);
  return never<T>();
}

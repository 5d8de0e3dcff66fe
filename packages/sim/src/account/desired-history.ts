// What the simulated account itself did to desired counts: every UpdateService and every change of an Auto
// Scaling group's desired capacity it applied, with the time and the caller. Fault suites measure their
// invariants from this record, never from what the control plane says it did.

/** One call the account applied (from = to when it changed nothing). */
export interface AppliedChange<C = string> {
  /** `service/<cluster>/<service>`, or `group/<name>` for an Auto Scaling group. */
  resource: string;
  action: "UpdateService" | "SetDesiredCapacity" | "TerminateInstances";
  from: number;
  to: number;
  /** Virtual time, epoch ms. */
  at: number;
  /** Who made the call, as the history's `callerOf` tells at that moment. */
  caller: C;
}

/** An append-only log of applied changes; `callerOf` is asked once per change (e.g. an async-local context). */
export class DesiredHistory<C = string> {
  readonly changes: AppliedChange<C>[] = [];
  readonly #callerOf: () => C;

  constructor(callerOf: () => C) {
    this.#callerOf = callerOf;
  }

  record(change: Omit<AppliedChange<C>, "caller">): void {
    this.changes.push({ ...change, caller: this.#callerOf() });
  }
}

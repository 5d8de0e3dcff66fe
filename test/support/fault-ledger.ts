// The fault bookkeeping: every hooked call asks `decide`; the ledger keeps what was injected (`faults`) and what
// reached an adapter or the runtime (`surfaced`), and which targets each is about.
import type { FaultAction, SimAccount } from "@gantry/sim";
import type { InvocationRunner } from "./fault-context.ts";
import { errorLabel, labelOf, subjectsOf } from "./fault-subjects.ts";
import type { FaultCall, FaultHookFn, InjectedFault } from "./fault-world-types.ts";

/** A hooked call as the wire or a port sees it (the ledger adds the invocation and the time). */
export type LedgerCall = Omit<FaultCall, "invocation" | "now">;

type Subjects = readonly string[] | "all";

export class FaultLedger {
  readonly faults: InjectedFault[] = [];
  /** Failures that reached an adapter or the runtime (after the SDK's retries), and every hang. */
  readonly surfaced: InjectedFault[] = [];
  attempts = 0;
  private injecting = true;
  private readonly subjectsOfError = new WeakMap<object, Subjects>();
  private readonly runner: InvocationRunner;
  private readonly account: SimAccount;
  private readonly hook: FaultHookFn | undefined;

  constructor(runner: InvocationRunner, account: SimAccount, hook: FaultHookFn | undefined) {
    this.runner = runner;
    this.account = account;
    this.hook = hook;
  }

  /** From now on no call is failed (hard-stopped invocations stay stopped). */
  stopInjecting(): void {
    this.injecting = false;
  }

  /** Every hooked call: nothing runs in a stopped invocation; otherwise the scenario decides. */
  decide(call: LedgerCall): FaultAction | undefined {
    this.attempts++;
    const full = this.full(call);
    if (!full) return undefined;
    if (full.invocation.status === "stopped") {
      this.surfaced.push(this.entry(full, "cut by a hard stop", subjectsOf(full, this.account)));
      return { kind: "hang-before" };
    }
    const fault = this.injecting ? this.hook?.(full) : undefined;
    if (!fault) return undefined;
    const { subjects: chosen, ...action } = fault;
    const subjects = chosen ?? subjectsOf(full, this.account);
    this.faults.push(this.entry(full, labelOf(full, action), subjects));
    if ("error" in action) this.subjectsOfError.set(action.error, subjects);
    else this.surfaced.push(this.entry(full, labelOf(full, action), subjects));
    return action;
  }

  /** A call failed for good: its targets are faulted (as the injected fault named them, else as the call does). */
  failed(call: LedgerCall, error: unknown): void {
    const full = this.full(call);
    if (!full) return;
    const chosen = typeof error === "object" && error !== null ? this.subjectsOfError.get(error) : undefined;
    const name = error instanceof Error ? error.name : "error";
    const label = `${call.service}.${call.operation} failed: ${name}`;
    this.surfaced.push(this.entry(full, label, chosen ?? subjectsOf(full, this.account)));
  }

  /** A fault of the account itself (a missing cluster, a query CloudWatch will not answer): counted in the mix. */
  refused(label: string): void {
    const invocation = this.runner.current()?.invocation;
    if (invocation)
      this.faults.push({ label, at: this.account.now(), invocation: invocation.id, subjects: [] });
  }

  /** The account answered with an error of its own (`ecs.UpdateService answered ClusterNotFoundException 400`). */
  refusedWith(call: LedgerCall, error: Error): void {
    this.refused(`${call.service}.${call.operation} answered ${errorLabel(error)}`);
  }

  private full(call: LedgerCall): FaultCall | undefined {
    const invocation = this.runner.current()?.invocation;
    return invocation && { ...call, invocation, now: this.account.now() };
  }

  private entry(call: FaultCall, label: string, subjects: Subjects): InjectedFault {
    const passStart = this.runner.current()?.passStart;
    const base = { label, at: call.now, invocation: call.invocation.id, subjects };
    return passStart === undefined ? base : { ...base, passStart };
  }
}

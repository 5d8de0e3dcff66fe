// Which Lambda invocation (and which pass of it) a call belongs to, carried through every await with
// AsyncLocalStorage. An invocation that hangs at an await is stopped: from then on every call it makes hangs too,
// before its effect, as nothing runs in a Lambda that has been cut short.
import { AsyncLocalStorage } from "node:async_hooks";

export type InvocationKind = "tick" | "alarm" | "api";

export interface Invocation {
  id: string;
  kind: InvocationKind;
  /** The alarm event id (alarm invocations and their retries). */
  eventId?: string;
  startedAt: number;
  endedAt?: number;
  status: "running" | "ok" | "failed" | "stopped";
  /** Given less Lambda time than a full pass needs, so its targets may be skipped. */
  shortDeadline: boolean;
  error?: unknown;
}

export interface CallContext {
  invocation: Invocation;
  /** Start of the reconcile pass the call is part of (virtual ms), when it is part of one. */
  passStart?: number;
}

/** Who made an applied change, as the account's history records it. */
export interface Caller {
  invocation: string;
  kind: InvocationKind | "outside";
  eventId?: string;
  passStart?: number;
}

export class InvocationRunner {
  readonly invocations: Invocation[] = [];
  readonly #storage = new AsyncLocalStorage<CallContext>();
  readonly #stops = new Map<Invocation, () => void>();
  readonly #now: () => number;
  #next = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  current(): CallContext | undefined {
    return this.#storage.getStore();
  }

  caller(): Caller {
    const context = this.current();
    if (!context) return { invocation: "outside", kind: "outside" };
    const { invocation, passStart } = context;
    return {
      invocation: invocation.id,
      kind: invocation.kind,
      ...(invocation.eventId !== undefined && { eventId: invocation.eventId }),
      ...(passStart !== undefined && { passStart }),
    };
  }

  /** Runs `body` as the next pass of the current invocation. */
  pass<T>(body: () => Promise<T>): Promise<T> {
    const context = this.current();
    if (!context) return body();
    return this.#storage.run({ invocation: context.invocation, passStart: this.#now() }, body);
  }

  /** Stops the current invocation: the harness stops waiting for it, and its later calls hang. */
  stopCurrent(): void {
    const invocation = this.current()?.invocation;
    if (invocation) this.#stops.get(invocation)?.();
  }

  isStopped(): boolean {
    return this.current()?.invocation.status === "stopped";
  }

  /** One invocation: resolves when it returns, throws, or stops at an await that never settles. */
  async invoke<T>(
    kind: InvocationKind,
    body: () => Promise<T>,
    options: { eventId?: string; shortDeadline?: boolean } = {},
  ): Promise<Invocation & { result?: T }> {
    const invocation: Invocation = {
      id: `${kind}#${this.#next++}`,
      kind,
      startedAt: this.#now(),
      status: "running",
      shortDeadline: options.shortDeadline ?? false,
      ...(options.eventId !== undefined && { eventId: options.eventId }),
    };
    this.invocations.push(invocation);
    const stopped = new Promise<"stopped">((resolve) =>
      this.#stops.set(invocation, () => {
        invocation.status = "stopped";
        resolve("stopped");
      }),
    );
    const run = this.#storage.run({ invocation }, body).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    const settled = await Promise.race([run, stopped]);
    this.#stops.delete(invocation);
    invocation.endedAt = this.#now();
    if (settled === "stopped") return invocation;
    if ("error" in settled) {
      invocation.status = "failed";
      invocation.error = settled.error;
      return invocation;
    }
    invocation.status = "ok";
    return Object.assign(invocation, { result: settled.result });
  }
}

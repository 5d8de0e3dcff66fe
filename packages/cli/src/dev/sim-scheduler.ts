// Simulated time for `gantry dev`: the one driver of the account's clock. The tick handler runs at every
// simulated minute; its sub-tick sleeps park it until the scheduler's clock reaches the wake-up time, so
// passes happen at their simulated instants whatever the speed. `advanceBy` is deterministic (tests); `start`
// follows real time × speed.
import type { SimAccount } from "@gantry/sim";

export interface SchedulerHooks {
  /** One scheduled tick invocation, started at a simulated minute boundary. */
  tick: () => Promise<unknown>;
  /** After each tick: e.g. fire the alarms that would have fired. */
  afterTick?: () => Promise<unknown>;
  onError?: (error: unknown) => void;
}

interface Waiter {
  at: number;
  resume: () => void;
}

export class SimScheduler {
  readonly #account: SimAccount;
  readonly #hooks: SchedulerHooks;
  #nextTickAt: number;
  #waiter: Waiter | undefined;
  /** Resolves when the running tick parks in a sleep or finishes. */
  #parked: Promise<void> = Promise.resolve();
  #signalParked: () => void = () => undefined;
  #timer: NodeJS.Timeout | undefined;
  #busy = false;

  constructor(account: SimAccount, hooks: SchedulerHooks) {
    this.#account = account;
    this.#hooks = hooks;
    this.#nextTickAt = Math.ceil(account.now() / 60_000) * 60_000;
  }

  /** The tick handler's sleep: parks it until the clock reaches now + ms. */
  sleep = (ms: number): Promise<void> =>
    new Promise((resume) => {
      this.#waiter = { at: this.#account.now() + ms, resume };
      this.#signalParked();
    });

  /** Advances simulated time by `ms`, running every tick (and its passes) due on the way. */
  async advanceBy(ms: number): Promise<void> {
    await this.advanceTo(this.#account.now() + ms);
  }

  async advanceTo(target: number): Promise<void> {
    for (;;) {
      const waiter = this.#waiter;
      // A parked tick resumes before the next one may start (sub-ticks end before the next minute).
      const due = waiter?.at ?? this.#nextTickAt;
      if (due > target) {
        if (target > this.#account.now()) this.#account.advanceTo(target);
        return;
      }
      if (due > this.#account.now()) this.#account.advanceTo(due);
      if (waiter !== undefined) {
        this.#waiter = undefined;
        await this.#resume(() => waiter.resume());
      } else {
        this.#nextTickAt += 60_000;
        await this.#resume(() => this.#runTick());
      }
    }
  }

  /** Follows real time: every `intervalMs`, advances by the real time elapsed × speed. */
  start(speed: number, intervalMs = 250): void {
    let last = Date.now();
    this.#timer = setInterval(() => {
      if (this.#busy) return;
      const now = Date.now();
      const simMs = (now - last) * speed;
      last = now;
      this.#busy = true;
      this.advanceBy(simMs)
        .catch((error: unknown) => this.#hooks.onError?.(error))
        .finally(() => {
          this.#busy = false;
        });
    }, intervalMs);
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Runs `step` and waits until the tick parks again or ends. */
  async #resume(step: () => void): Promise<void> {
    this.#parked = new Promise((resolve) => {
      this.#signalParked = resolve;
    });
    step();
    await this.#parked;
  }

  #runTick(): void {
    const hooks = this.#hooks;
    hooks
      .tick()
      .then(() => hooks.afterTick?.())
      .catch((error: unknown) => hooks.onError?.(error))
      .finally(() => this.#signalParked());
  }
}

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
  abort: (error: SchedulerStopped) => void;
}

/** What a parked tick's sleep throws once the scheduler stops: the invocation ends instead of hanging. */
export class SchedulerStopped extends Error {
  constructor() {
    super("the simulated clock stopped");
    this.name = "SchedulerStopped";
  }
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
  #stopped = false;
  /** The tick invocation under way, settled or not. */
  #inFlight: Promise<void> = Promise.resolve();

  constructor(account: SimAccount, hooks: SchedulerHooks) {
    this.#account = account;
    this.#hooks = hooks;
    this.#nextTickAt = Math.ceil(account.now() / 60_000) * 60_000;
  }

  /** The tick handler's sleep: parks it until the clock reaches now + ms. */
  sleep = (ms: number): Promise<void> =>
    new Promise((resume, abort) => {
      if (this.#stopped) return abort(new SchedulerStopped());
      this.#waiter = { at: this.#account.now() + ms, resume, abort };
      this.#signalParked();
    });

  /** Advances simulated time by `ms`, running every tick (and its passes) due on the way. */
  async advanceBy(ms: number): Promise<void> {
    await this.advanceTo(this.#account.now() + ms);
  }

  async advanceTo(target: number): Promise<void> {
    while (!this.#stopped) {
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

  /**
   * Stops the clock and ends the tick under way: its parked sleep throws SchedulerStopped, so the invocation
   * settles and the Lambda runtime's timers (middy's early-timeout timer among them) are cleared, and the process
   * can exit.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.abort(new SchedulerStopped());
    await this.#inFlight;
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
    this.#inFlight = hooks
      .tick()
      .then(() => hooks.afterTick?.())
      .then(() => undefined)
      .catch((error: unknown) => {
        if (!(error instanceof SchedulerStopped)) hooks.onError?.(error);
      })
      .finally(() => this.#signalParked());
  }
}

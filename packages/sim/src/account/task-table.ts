// The tasks of one ECS service and their worker slots, in typed arrays indexed by task number. Freed task
// numbers are reused; a task's slots are `task * concurrency + k`.
import { LaunchLog } from "./launch-log.ts";
import type { MessageDeque } from "./message-deque.ts";

/**
 * Lifecycle states. BLOCKED: pending with no room to place it (see placement.ts); PENDING: starting. KILLED:
 * stopped mid-message (no scale-in protection): no longer billed, but its number stays taken until the
 * messages it held have returned to the queue, so that their pending events find their slots.
 */
export const TaskState = { free: 0, blocked: 1, pending: 2, running: 3, draining: 4, killed: 5 } as const;
export type TaskState = (typeof TaskState)[keyof typeof TaskState];

export class TaskTable {
  readonly concurrency: number;
  /** Tasks per state, indexed by TaskState. */
  readonly counts = [0, 0, 0, 0, 0, 0];
  state = new Uint8Array(16);
  createdAt = new Float64Array(16);
  readyAt = new Float64Array(16);
  busy = new Uint32Array(16);
  // The message each slot holds: arrival, start of processing, processing time, receive count.
  slotArrival = new Float64Array(16);
  slotStarted = new Float64Array(16);
  slotDuration = new Float64Array(16);
  slotReceives = new Uint32Array(16);
  /** Every task created and removed, for the relaunch figure. */
  readonly launchLog = new LaunchLog();
  /** Σ processing ms of the messages processed to the end (the work served; see WorkerSlots). */
  servedWorkMs = 0;
  #free: number[] = [];
  #used = 0;
  // Task billing: closed lifetimes plus, for live tasks, Σ(now − createdAt) = live·now − Σ createdAt, in
  // ms since `#originMs` so that the products stay far from 2^53.
  readonly #originMs: number;
  /** A stopped task bills at least this long (Fargate: a minute); a live one bills its age so far. */
  readonly #minimumBilledMs: number;
  #closedMs = 0;
  #liveCreatedSum = 0;
  #live = 0;

  constructor(concurrency: number, originMs: number, minimumBilledMs = 0) {
    this.concurrency = concurrency;
    this.#originMs = originMs;
    this.#minimumBilledMs = minimumBilledMs;
    this.#resizeSlots(16);
  }

  /** Number of task indices ever used (scan bound). */
  get extent(): number {
    return this.#used;
  }

  /** Task-milliseconds of existence (pending, running or draining) up to `now`. */
  taskMs(now: number): number {
    return this.#closedMs + this.#live * (now - this.#originMs) - this.#liveCreatedSum;
  }

  /** Slot takes the front message of `visible` at `now` (the caller removes it); returns its task. */
  occupy(slot: number, visible: MessageDeque, now: number): number {
    this.slotArrival[slot] = visible.frontArrival();
    this.slotStarted[slot] = now;
    this.slotDuration[slot] = visible.frontDuration();
    this.slotReceives[slot] = visible.frontReceives() + 1;
    const task = Math.floor(slot / this.concurrency);
    this.busy[task] = (this.busy[task] as number) + 1;
    return task;
  }

  /** Slot is done with its message; returns its task. */
  vacate(slot: number): number {
    const task = Math.floor(slot / this.concurrency);
    this.busy[task] = (this.busy[task] as number) - 1;
    this.slotStarted[slot] = Number.NaN;
    return task;
  }

  /** Messages in flight whose wait (start of processing − arrival) exceeded `limitMs`. */
  countInFlightWaitingOver(limitMs: number): number {
    let count = 0;
    for (let task = 0; task < this.#used; task++) {
      if (this.busy[task] === 0) continue;
      for (let slot = task * this.concurrency; slot < (task + 1) * this.concurrency; slot++) {
        // An idle slot's start is NaN (see vacate), so it never counts.
        if ((this.slotStarted[slot] as number) - (this.slotArrival[slot] as number) > limitMs) count++;
      }
    }
    return count;
  }

  create(now: number, state: TaskState): number {
    const i = this.#free.pop() ?? this.#used++;
    if (i >= this.state.length) this.#grow();
    this.state[i] = state;
    this.createdAt[i] = now;
    this.readyAt[i] = Number.NaN;
    this.busy[i] = 0;
    this.counts[state] = (this.counts[state] ?? 0) + 1;
    this.#live++;
    this.#liveCreatedSum += now - this.#originMs;
    this.launchLog.recordLaunch(now);
    return i;
  }

  setState(i: number, state: TaskState): void {
    const old = this.state[i] as TaskState;
    this.counts[old] = (this.counts[old] ?? 0) - 1;
    this.counts[state] = (this.counts[state] ?? 0) + 1;
    this.state[i] = state;
  }

  /** Stops task i for good at `now` and closes its bill. */
  remove(i: number, now: number): void {
    this.#closeBill(i, now);
    this.release(i);
  }

  /** Stops busy task i at `now` mid-message: billing ends, its number waits for `release`. */
  kill(i: number, now: number): void {
    this.#closeBill(i, now);
    this.setState(i, TaskState.killed);
  }

  /** Frees the number of a task already stopped (removed or killed). */
  release(i: number): void {
    this.setState(i, TaskState.free);
    this.#free.push(i);
  }

  #closeBill(i: number, now: number): void {
    const created = this.createdAt[i] as number;
    this.#closedMs += Math.max(now - created, this.#minimumBilledMs);
    this.#liveCreatedSum -= created - this.#originMs;
    this.#live--;
    this.launchLog.recordStop(now);
  }

  #grow(): void {
    const size = this.state.length * 2;
    const copy = <T extends Uint8Array | Uint32Array | Float64Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.state = copy(this.state, new Uint8Array(size));
    this.createdAt = copy(this.createdAt, new Float64Array(size));
    this.readyAt = copy(this.readyAt, new Float64Array(size));
    this.busy = copy(this.busy, new Uint32Array(size));
    this.#resizeSlots(size);
  }

  #resizeSlots(tasks: number): void {
    const size = tasks * this.concurrency;
    const copy = <T extends Uint32Array | Float64Array>(old: T, fresh: T): T => {
      fresh.set(old.subarray(0, Math.min(old.length, size)));
      return fresh;
    };
    this.slotArrival = copy(this.slotArrival, new Float64Array(size));
    this.slotStarted = copy(this.slotStarted, new Float64Array(size));
    this.slotDuration = copy(this.slotDuration, new Float64Array(size));
    this.slotReceives = copy(this.slotReceives, new Uint32Array(size));
  }
}

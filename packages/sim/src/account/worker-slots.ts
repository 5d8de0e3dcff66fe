// How running tasks consume their queue: each task has `concurrency` slots; an idle slot takes the next
// visible message at once (long polling), and a busy one schedules the end of its processing.
import type { EventQueue } from "./event-queue.ts";
import type { SqsQueue } from "./sqs-queue.ts";
import { TaskState, type TaskTable } from "./task-table.ts";
import type { WaitLog } from "./wait-log.ts";

// Event ids of messages: slot * 2 + DONE | TIMEOUT (task events use negative ids, see ecs-service.ts).
const DONE = 0;
const TIMEOUT = 1;

export class WorkerSlots {
  readonly #tasks: TaskTable;
  readonly #queue: SqsQueue;
  readonly #events: EventQueue;
  readonly #waits: WaitLog;
  /** A draining task's last message ended: the task stops. */
  readonly #onDrained: (task: number, now: number) => void;
  /** A killed task's last dropped message returned to the queue: its number may be reused. */
  readonly #onReleased: (task: number) => void;
  /** Idle slots of running tasks, taken last-freed first. */
  #idle: number[] = [];

  constructor(
    parts: { tasks: TaskTable; queue: SqsQueue; events: EventQueue; waits: WaitLog },
    hooks: { onDrained: (task: number, now: number) => void; onReleased: (task: number) => void },
  ) {
    this.#tasks = parts.tasks;
    this.#queue = parts.queue;
    this.#events = parts.events;
    this.#waits = parts.waits;
    this.#onDrained = hooks.onDrained;
    this.#onReleased = hooks.onReleased;
  }

  /** A task became RUNNING: its slots start polling. */
  addTask(task: number, now: number): void {
    const concurrency = this.#tasks.concurrency;
    for (let slot = (task + 1) * concurrency - 1; slot >= task * concurrency; slot--) {
      if (this.#queue.visible.length > 0) this.#start(slot, now);
      else this.#idle.push(slot);
    }
  }

  /** Forgets idle slots of tasks that stopped or drain (call after any scale-in). */
  dropStopped(): void {
    const { state, concurrency } = this.#tasks;
    this.#idle = this.#idle.filter((slot) => state[Math.floor(slot / concurrency)] === TaskState.running);
  }

  /** Hands visible messages to idle slots. */
  dispatch(now: number): void {
    const visible = this.#queue.visible;
    while (visible.length > 0 && this.#idle.length > 0) this.#start(this.#idle.pop() as number, now);
  }

  /** A message event (id ≥ 0) fired: processing ended, or the visibility timeout took the message back. */
  handle(id: number, now: number): void {
    const slot = id >> 1;
    const t = this.#tasks;
    const killed = t.state[Math.floor(slot / t.concurrency)] === TaskState.killed;
    if ((id & 1) === DONE && killed) {
      // The worker died mid-message: the message stays invisible until its visibility timeout expires.
      const returnsAt = (t.slotStarted[slot] as number) + this.#queue.options.visibilityTimeoutMs;
      this.#events.push(returnsAt, slot * 2 + TIMEOUT);
      return;
    }
    if ((id & 1) === DONE) {
      this.#waits.push(((t.slotStarted[slot] as number) - (t.slotArrival[slot] as number)) / 1000);
      t.servedWorkMs += now - (t.slotStarted[slot] as number);
      this.#queue.deleteInFlight();
      this.#free(slot, now);
      return;
    }
    const arrival = t.slotArrival[slot] as number;
    const visible = this.#queue.returnInFlight(
      arrival,
      t.slotDuration[slot] as number,
      t.slotReceives[slot] as number,
    );
    this.#free(slot, now);
    if (visible) this.dispatch(now);
  }

  #start(slot: number, now: number): void {
    this.#tasks.occupy(slot, this.#queue.visible, now);
    const durationMs = this.#queue.visible.frontDuration();
    this.#queue.receiveFront();
    // The worker gives up when the visibility timeout expires; the message returns (a redelivery).
    const timeoutMs = this.#queue.options.visibilityTimeoutMs;
    if (durationMs > timeoutMs) this.#events.push(now + timeoutMs, slot * 2 + TIMEOUT);
    else this.#events.push(now + durationMs, slot * 2 + DONE);
  }

  #free(slot: number, now: number): void {
    const task = this.#tasks.vacate(slot);
    const state = this.#tasks.state[task];
    if (state === TaskState.draining) {
      if (this.#tasks.busy[task] === 0) this.#onDrained(task, now);
    } else if (state === TaskState.killed) {
      if (this.#tasks.busy[task] === 0) this.#onReleased(task);
    } else if (this.#queue.visible.length > 0) {
      this.#start(slot, now);
    } else {
      this.#idle.push(slot);
    }
  }
}

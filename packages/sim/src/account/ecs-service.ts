// One ECS service of queue workers, event-driven: a heap holds task start-ups and the end of each message's
// processing, so work is per message and per task change, never per second per task.
//
// Counts as DescribeServices reports them: pending = tasks starting (or waiting for room), running = RUNNING
// tasks that are not draining. A draining task (scale-in hit it while busy) is STOPPING in ECS terms: it
// finishes the messages in hand, takes no new one, and stops when idle.

import type { ArrivalFeed } from "./arrival-feed.ts";
import { BlockedTasks } from "./blocked-tasks.ts";
import { EventQueue } from "./event-queue.ts";
import type { PlacementHook } from "./placement.ts";
import { chooseTasksToStop } from "./scale-in-order.ts";
import type { SqsQueue } from "./sqs-queue.ts";
import { TaskState, TaskTable } from "./task-table.ts";
import { WaitLog } from "./wait-log.ts";
import { WorkerSlots } from "./worker-slots.ts";

export interface EcsServiceOptions {
  /** `service/<cluster>/<service>` */
  readonly id: string;
  /** From placement to RUNNING (image pull, container start). */
  readonly taskStartupMs: number;
  /** Messages one task processes at a time. */
  readonly concurrency: number;
  /** Default true: busy tasks drain on scale-in; false: they stop mid-message (see service-settings.ts). */
  readonly scaleInProtection?: boolean;
  /** Shortest billed lifetime of a task (Fargate: a minute); default 0. */
  readonly minimumBilledMs?: number;
}

export class EcsService {
  readonly options: EcsServiceOptions;
  readonly queue: SqsQueue;
  readonly tasks: TaskTable;
  readonly waits = new WaitLog();
  desired = 0;
  readonly #feed: ArrivalFeed | undefined;
  readonly #events = new EventQueue();
  readonly #workers: WorkerSlots;
  readonly #blocked: BlockedTasks;

  constructor(
    options: EcsServiceOptions,
    queue: SqsQueue,
    placement: PlacementHook,
    context: { startMs: number; feed: ArrivalFeed | undefined },
  ) {
    this.options = options;
    this.queue = queue;
    this.tasks = new TaskTable(options.concurrency, context.startMs, options.minimumBilledMs ?? 0);
    this.#blocked = new BlockedTasks(placement, options.id);
    this.#feed = context.feed;
    const parts = { tasks: this.tasks, queue, events: this.#events, waits: this.waits };
    this.#workers = new WorkerSlots(parts, {
      onDrained: (task, now) => this.#stopPlaced(task, now),
      onReleased: (task) => this.tasks.release(task),
    });
  }

  get runningCount(): number {
    return this.tasks.counts[TaskState.running] as number;
  }

  get pendingCount(): number {
    return (
      (this.tasks.counts[TaskState.pending] as number) + (this.tasks.counts[TaskState.blocked] as number)
    );
  }

  /** Pending tasks that placement refused so far. */
  get blockedCount(): number {
    return this.#blocked.length;
  }

  get drainingCount(): number {
    return this.tasks.counts[TaskState.draining] as number;
  }

  /** Sets the desired count at `now`: starts tasks, or stops the cheapest ones (see scale-in-order.ts). */
  setDesired(desired: number, now: number): void {
    this.desired = desired;
    const active = this.runningCount + this.pendingCount;
    for (let i = active; i < desired; i++) this.#startTask(now);
    if (desired < active) this.#stopTasks(active - desired, now);
  }

  /** Tasks that exist before the run starts: RUNNING at once (placement still applies). */
  warmStart(count: number, now: number): void {
    this.desired += count;
    for (let i = 0; i < count; i++) {
      const task = this.#startTask(now);
      if (this.tasks.state[task] === TaskState.pending) this.#becomeRunning(task, now);
    }
  }

  /** Sends one message now (outside the trace feed). */
  send(now: number, durationMs: number): void {
    if (this.queue.send(now, durationMs)) this.#workers.dispatch(now);
  }

  /** Asks placement again for refused tasks, oldest first, until one is refused. */
  retryPlacement(now: number): void {
    this.#blocked.retry(now, (task) => this.#place(task, now));
  }

  /**
   * Processes, in time order, every event before `until` (and at it when `inclusive`). Ties: task events,
   * then delayed messages, then arrivals.
   */
  runUntil(until: number, inclusive = false): void {
    const queue = this.queue;
    const events = this.#events;
    const feed = this.#feed;
    for (;;) {
      const te = events.peekTime();
      const td = queue.nextDelayedTime();
      const ta = feed === undefined ? Number.POSITIVE_INFINITY : feed.nextTime;
      const t = Math.min(te, td, ta);
      if (!(t < until || (inclusive && t === until))) return;
      if (te === t) {
        this.#handle(events.pop(), te);
      } else if (td === t) {
        queue.promoteDelayed();
        this.#workers.dispatch(td);
      } else if (feed !== undefined) {
        const durationMs = feed.nextDurationMs;
        feed.advance();
        this.send(ta, durationMs);
      }
    }
  }

  /** Event ids: -(task + 1) for a task becoming RUNNING, ≥ 0 for messages (see worker-slots.ts). */
  #handle(id: number, now: number): void {
    if (id >= 0) {
      this.#workers.handle(id, now);
      return;
    }
    const task = -id - 1;
    // Stale when the task was stopped (and its number maybe reused) before it became ready.
    if (this.tasks.state[task] === TaskState.pending && this.tasks.readyAt[task] === now) {
      this.#becomeRunning(task, now);
    }
  }

  #startTask(now: number): number {
    const task = this.tasks.create(now, TaskState.blocked);
    if (this.#blocked.request(task, now)) this.#place(task, now);
    return task;
  }

  #place(task: number, now: number): void {
    const readyAt = now + this.options.taskStartupMs;
    this.tasks.setState(task, TaskState.pending);
    this.tasks.readyAt[task] = readyAt;
    this.#events.push(readyAt, -task - 1);
  }

  #becomeRunning(task: number, now: number): void {
    this.tasks.setState(task, TaskState.running);
    this.#workers.addTask(task, now);
  }

  #stopTasks(count: number, now: number): void {
    for (const task of chooseTasksToStop(this.tasks, count, this.options.scaleInProtection ?? true)) {
      const state = this.tasks.state[task];
      if (state === TaskState.blocked) {
        this.#blocked.cancel(task);
        this.tasks.remove(task, now);
      } else if (state === TaskState.running && this.tasks.busy[task] !== 0) {
        this.#stopBusy(task, now);
      } else {
        this.#stopPlaced(task, now);
      }
    }
    this.#workers.dropStopped();
  }

  /** With protection the task drains (STOPPING until idle); without, it stops now and drops its messages. */
  #stopBusy(task: number, now: number): void {
    if (this.options.scaleInProtection ?? true) {
      this.tasks.setState(task, TaskState.draining);
      return;
    }
    this.tasks.kill(task, now);
    this.#blocked.release(now);
  }

  #stopPlaced(task: number, now: number): void {
    this.tasks.remove(task, now);
    this.#blocked.release(now);
  }
}

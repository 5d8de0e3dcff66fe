// One SQS standard queue: visible, in-flight and delayed messages, visibility timeout and an optional
// redrive policy. Messages are anonymous (arrival, processing time, receive count); workers hold the
// in-flight ones, the queue only counts them.
import { MessageDeque } from "./message-deque.ts";

export interface SqsQueueOptions {
  readonly name: string;
  readonly url: string;
  /** How long a received message stays invisible; a worker still busy then loses it (a redelivery). */
  readonly visibilityTimeoutMs: number;
  /** DelaySeconds of the queue: a sent message stays delayed this long before it becomes visible. */
  readonly deliveryDelayMs: number;
  /** Redrive policy: receives after which a returned message goes to the dead-letter queue; Infinity: none. */
  readonly maxReceiveCount: number;
  /** A send after this long without activity wakes the queue (see cloudwatch-store.ts). */
  readonly wakeIdleMs: number;
}

export class SqsQueue {
  readonly options: SqsQueueOptions;
  readonly visible = new MessageDeque();
  readonly delayed = new MessageDeque();
  inFlight = 0;
  /** Messages ever sent (arrived). */
  sent = 0;
  /** Messages processed and deleted. */
  deleted = 0;
  /** Receives that timed out and made the message visible again. */
  redeliveries = 0;
  deadLettered = 0;
  maxVisible = 0;
  /** Time of the first send; NaN before. */
  firstSentAt = Number.NaN;
  /**
   * Last time the queue was active: a send, a message in it, or a task polling it (the service refreshes
   * this every sample tick). The queue counts as active when the simulation starts.
   */
  lastActiveAt: number;
  /** Called with the time of a send that wakes an inactive queue. */
  onWake: (time: number) => void = () => {};

  constructor(options: SqsQueueOptions, startMs: number) {
    this.options = options;
    this.lastActiveAt = startMs;
  }

  /** Messages not yet processed: visible + in flight + delayed. */
  get queued(): number {
    return this.visible.length + this.inFlight + this.delayed.length;
  }

  /** Sends one message at `time`; true when it became visible at once (workers may take it). */
  send(time: number, durationMs: number): boolean {
    if (this.sent++ === 0) this.firstSentAt = time;
    if (time - this.lastActiveAt >= this.options.wakeIdleMs) this.onWake(time);
    this.lastActiveAt = time;
    if (this.options.deliveryDelayMs > 0) {
      this.delayed.pushBack(time, durationMs, 0);
      return false;
    }
    this.#pushVisible(time, durationMs, 0);
    return true;
  }

  /** When the oldest delayed message becomes visible; Infinity when none is delayed. */
  nextDelayedTime(): number {
    return this.delayed.length === 0
      ? Number.POSITIVE_INFINITY
      : this.delayed.frontArrival() + this.options.deliveryDelayMs;
  }

  /** Moves the oldest delayed message to the visible ones (the delay is the same for all, so FIFO). */
  promoteDelayed(): void {
    const d = this.delayed;
    this.#pushVisible(d.frontArrival(), d.frontDuration(), d.frontReceives());
    d.dropFront();
  }

  /** Takes the front visible message in flight; read it with `visible.front*` before. */
  receiveFront(): void {
    this.visible.dropFront();
    this.inFlight++;
  }

  /** A worker finished and deleted its message. */
  deleteInFlight(): void {
    this.inFlight--;
    this.deleted++;
  }

  /** The visibility timeout expired on a message received `receives` times; true when it is visible again. */
  returnInFlight(arrival: number, durationMs: number, receives: number): boolean {
    this.inFlight--;
    if (receives >= this.options.maxReceiveCount) {
      this.deadLettered++;
      return false;
    }
    this.redeliveries++;
    this.visible.pushFront(arrival, durationMs, receives);
    if (this.visible.length > this.maxVisible) this.maxVisible = this.visible.length;
    return true;
  }

  #pushVisible(arrival: number, durationMs: number, receives: number): void {
    this.visible.pushBack(arrival, durationMs, receives);
    if (this.visible.length > this.maxVisible) this.maxVisible = this.visible.length;
  }
}

// Tasks of one service waiting for room, asked to the placement hook in arrival order: a new task never
// overtakes an older refused one.
import type { PlacementHook } from "./placement.ts";

export class BlockedTasks {
  readonly #hook: PlacementHook;
  readonly #serviceId: string;
  #tasks: number[] = [];

  constructor(hook: PlacementHook, serviceId: string) {
    this.#hook = hook;
    this.#serviceId = serviceId;
  }

  get length(): number {
    return this.#tasks.length;
  }

  /** True when `task` is placed now; otherwise it waits its turn. */
  request(task: number, now: number): boolean {
    if (this.#tasks.length === 0 && this.#hook.tryPlace(this.#serviceId, now)) return true;
    this.#tasks.push(task);
    return false;
  }

  /** Places waiting tasks, oldest first, until the hook refuses one. */
  retry(now: number, place: (task: number) => void): void {
    while (this.#tasks.length > 0 && this.#hook.tryPlace(this.#serviceId, now)) {
      place(this.#tasks.shift() as number);
    }
  }

  /** A waiting task was stopped before it was placed. */
  cancel(task: number): void {
    this.#tasks = this.#tasks.filter((t) => t !== task);
  }

  /** A placed task stopped: its room is free. */
  release(now: number): void {
    this.#hook.release(this.#serviceId, now);
  }
}

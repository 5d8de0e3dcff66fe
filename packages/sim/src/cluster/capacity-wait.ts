// Time tasks spend waiting for capacity: BLOCKED in the ECS model (wanted, refused by placement), which is
// exactly the wait beyond the normal start-up, since start-up begins only once a task is placed. Sampled
// once per simulated second from the services' task tables (the hook never sees task identities).
import type { SimService } from "../account/sim-service.ts";
import { TaskState } from "../account/task-table.ts";

export class CapacityWaitMeter {
  #taskMs = 0;
  #maxMs = 0;
  #blocked = 0;
  #lastAt: number;

  constructor(startMs: number) {
    this.#lastAt = startMs;
  }

  /** Task-seconds spent blocked so far. */
  get taskSeconds(): number {
    return this.#taskMs / 1000;
  }

  /** The longest any task waited for capacity (including tasks still waiting at the last sample). */
  get maxSeconds(): number {
    return this.#maxMs / 1000;
  }

  /** Charges the blocked count of the previous sample over the interval, then looks at the tasks now. */
  sample(services: readonly SimService[], now: number): void {
    this.#taskMs += this.#blocked * (now - this.#lastAt);
    this.#lastAt = now;
    this.#blocked = 0;
    for (const service of services) {
      const count = service.ecs.blockedCount;
      if (count === 0) continue;
      this.#blocked += count;
      this.#maxMs = Math.max(this.#maxMs, oldestBlockedMs(service, now));
    }
  }
}

function oldestBlockedMs(service: SimService, now: number): number {
  const { state, createdAt, extent } = service.ecs.tasks;
  let oldest = 0;
  for (let i = 0; i < extent; i++) {
    if (state[i] === TaskState.blocked) oldest = Math.max(oldest, now - (createdAt[i] as number));
  }
  return oldest;
}

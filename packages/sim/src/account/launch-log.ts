// Launches and the stops they undo. A launch that comes within `windowMs` of a stop replaces that stopped task:
// the fleet paid a start for capacity it had just given away (the "stopped-then-relaunched" waste).
// Each stop is matched to at most one launch, oldest stop first, so the count never exceeds the stops.

/** The window of the goal "launches that replace a task stopped within 3 minutes". */
export const RELAUNCH_WINDOW_MS = 180_000;

export class LaunchLog {
  readonly windowMs: number;
  launches = 0;
  stops = 0;
  /** Launches that came within the window after an unmatched stop. */
  relaunches = 0;
  // Unmatched stop times, in order; `#head` skips the consumed front without shifting the array.
  #stopTimes: number[] = [];
  #head = 0;

  constructor(windowMs = RELAUNCH_WINDOW_MS) {
    this.windowMs = windowMs;
  }

  recordStop(now: number): void {
    this.stops++;
    this.#stopTimes.push(now);
  }

  recordLaunch(now: number): void {
    this.launches++;
    const times = this.#stopTimes;
    while (this.#head < times.length && (times[this.#head] as number) < now - this.windowMs) this.#head++;
    if (this.#head < times.length) {
      this.#head++;
      this.relaunches++;
    }
    if (this.#head > 1024 && this.#head * 2 > times.length) {
      this.#stopTimes = times.slice(this.#head);
      this.#head = 0;
    }
  }
}

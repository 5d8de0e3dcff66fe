import type { Clock } from "@gantry/core";

/** Epoch ms that only moves when told: by a pass or by the sleep it hands out. */
export class VirtualClock implements Clock {
  private current: number;
  readonly sleeps: number[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  /** A sleep that advances this clock instead of waiting. */
  readonly sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.advance(ms);
  };
}

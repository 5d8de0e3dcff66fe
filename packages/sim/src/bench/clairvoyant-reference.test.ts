import { describe, expect, it } from "vitest";
import { clairvoyantSchedule } from "./clairvoyant-reference.ts";

const jobs = (arrivals: number[], durations: number[]) => ({
  arrivals: Float64Array.from(arrivals),
  durations: Float64Array.from(durations),
});

describe("clairvoyant reference schedule", () => {
  it("queues a job behind a busy task when it still starts within the SLO", () => {
    // 10 s jobs at 0 and 5 s: the second waits 5 s on the first task (SLO 30 s): one start, no idle.
    const figures = clairvoyantSchedule(jobs([0, 5], [10, 10]), 45, 30);
    expect(figures).toMatchObject({ jobs: 2, idleRatio: 0, startRatio: 45 / 20, workRatio: 1 + 45 / 20 });
  });

  it("launches a second task when waiting would miss the SLO", () => {
    // 60 s jobs at 0 and 5 s: the first task frees at 60 s, 55 s after the second arrives (SLO 30 s).
    expect(clairvoyantSchedule(jobs([0, 5], [60, 60]), 45, 30).startRatio).toBe((2 * 45) / 120);
  });

  it("keeps a task through a gap shorter than a start, and relaunches after a longer one", () => {
    // Frees at 10 s; the job at 40 s reuses it (30 s idle); the job at 200 s comes 140 s after it freed at 60 s.
    const figures = clairvoyantSchedule(jobs([0, 40, 200], [10, 20, 10]), 45, 0);
    expect(figures.idleRatio).toBe(30 / 40);
    expect(figures.startRatio).toBe((2 * 45) / 40);
  });

  it("scores only the jobs arriving in [from, to)", () => {
    const figures = clairvoyantSchedule(jobs([0, 100, 200], [10, 10, 10]), 45, 30, 50, 150);
    expect(figures.jobs).toBe(1);
    expect(figures.workRatio).toBe(1 + 45 / 10);
  });

  it("needs per-request processing times", () => {
    expect(() => clairvoyantSchedule({ arrivals: Float64Array.from([1]) }, 45, 30)).toThrow(/no per-request/);
  });
});

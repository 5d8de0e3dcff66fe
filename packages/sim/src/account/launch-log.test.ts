import { describe, expect, it } from "vitest";
import { LaunchLog, RELAUNCH_WINDOW_MS } from "./launch-log.ts";

describe("LaunchLog", () => {
  it("counts a launch within 3 minutes of a stop as a relaunch, once per stop", () => {
    const log = new LaunchLog();
    log.recordLaunch(0);
    log.recordStop(10_000);
    log.recordLaunch(10_000 + RELAUNCH_WINDOW_MS);
    log.recordLaunch(10_000 + RELAUNCH_WINDOW_MS);
    expect(log).toMatchObject({ launches: 3, stops: 1, relaunches: 1 });
  });

  it("does not count a launch after the window", () => {
    const log = new LaunchLog();
    log.recordStop(0);
    log.recordLaunch(RELAUNCH_WINDOW_MS + 1);
    expect(log.relaunches).toBe(0);
  });

  it("matches stops oldest first and keeps counting across many stops", () => {
    const log = new LaunchLog(1000);
    for (let i = 0; i < 5000; i++) log.recordStop(i * 10);
    // At 50,500 the stops before 49,500 have expired: 50 remain (49,500, 49,510 … 49,990).
    for (let i = 0; i < 80; i++) log.recordLaunch(50_500);
    expect(log.relaunches).toBe(50);
    expect(log.launches).toBe(80);
  });
});

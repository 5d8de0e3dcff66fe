import { evaluate } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { codes, MINUTE, request } from "../support/requests.ts";

const at = (iso: string) => Date.parse(iso);
const target = { id: "service/prod/web", minCapacity: 1, maxCapacity: 20 };
const noon = at("2026-11-23T12:00:00Z");

function decideAt(
  now: number,
  action: Record<string, unknown>,
  desired = 3,
  extra: Record<string, unknown> = {},
) {
  return evaluate(
    request({
      now,
      target,
      scheduledActions: [{ name: "action", ...action }] as never,
      observation: { runningCount: desired, desiredCount: desired },
      ...extra,
    }),
  );
}

describe("scheduled actions [AWS]", () => {
  it("scales out to a new min above the current capacity", () => {
    const decision = decideAt(noon, { schedule: "cron(0 12 * * ? *)", minCapacity: 8 });
    expect(decision).toMatchObject({ desiredCapacity: 8, action: "ScaleOut" });
    expect(codes(decision)).toEqual(["ScheduledActionApplied", "BelowMinCapacity"]);
  });

  it("scales in to a new max below the current capacity", () => {
    expect(decideAt(noon, { schedule: "cron(0 12 * * ? *)", maxCapacity: 2 }, 6).desiredCapacity).toBe(2);
  });

  it("leaves capacity alone when it is already inside the new bounds", () => {
    expect(
      decideAt(noon, { schedule: "cron(0 12 * * ? *)", minCapacity: 2, maxCapacity: 10 }, 6).action,
    ).toBe("None");
  });

  it.each([
    { now: "2026-11-23T12:00:00Z", due: true },
    { now: "2026-11-23T12:00:59Z", due: true },
    { now: "2026-11-23T12:01:00Z", due: false },
    { now: "2026-11-23T11:59:59Z", due: false },
  ])("without state, is due when it fired in (now − 60 s, now]: $now → $due", ({ now, due }) => {
    const decision = decideAt(at(now), { schedule: "cron(0 12 * * ? *)", minCapacity: 8 });
    expect(decision.desiredCapacity).toBe(due ? 8 : 3);
  });

  it("catches up on an action missed between ticks, and applies it once", () => {
    const schedule = { schedule: "cron(0 12 * * ? *)", minCapacity: 8 };
    const first = decideAt(at("2026-11-23T11:50:00Z"), schedule);
    expect(first.action).toBe("None");
    const late = decideAt(at("2026-11-23T12:30:00Z"), schedule, 3, { state: first.state });
    expect(late.desiredCapacity).toBe(8);
    const again = decideAt(at("2026-11-23T12:31:00Z"), schedule, 8, { state: late.state });
    expect(codes(again)).not.toContain("ScheduledActionApplied");
  });

  it("keeps the bounds it set for later decisions, until the target is re-registered", () => {
    const set = decideAt(noon, { schedule: "cron(0 12 * * ? *)", minCapacity: 8 });
    const later = decideAt(noon + 10 * MINUTE, { schedule: "cron(0 12 * * ? *)", minCapacity: 8 }, 4, {
      state: set.state,
    });
    expect(later.desiredCapacity).toBe(8);
    const reRegistered = evaluate(
      request({
        now: noon + 11 * MINUTE,
        target: { ...target, minCapacity: 2 },
        observation: { runningCount: 4, desiredCount: 4 },
        state: set.state,
      }),
    );
    expect(reRegistered.desiredCapacity).toBe(4);
  });

  it("applies several due actions in the order they fired", () => {
    const decision = evaluate(
      request({
        now: noon,
        target,
        scheduledActions: [
          { name: "b-later", schedule: "cron(0 12 * * ? *)", minCapacity: 5 },
          { name: "a-earlier", schedule: "cron(30 11 * * ? *)", minCapacity: 9 },
        ],
        observation: { runningCount: 3, desiredCount: 3 },
        state: { version: 1, evaluatedAt: at("2026-11-23T11:00:00Z") } as never,
      }),
    );
    expect(decision.desiredCapacity).toBe(5);
  });

  it("ignores cooldowns", () => {
    const state = { version: 1, evaluatedAt: noon - MINUTE, lastScaleInAt: noon - MINUTE } as never;
    const decision = decideAt(noon, { schedule: "cron(0 12 * * ? *)", maxCapacity: 2 }, 6, { state });
    expect(decision.desiredCapacity).toBe(2);
  });

  it("skips actions while scheduled scaling is suspended", () => {
    const decision = evaluate(
      request({
        now: noon,
        target: { ...target, suspendedState: { scheduledScalingSuspended: true } },
        scheduledActions: [{ name: "action", schedule: "cron(0 12 * * ? *)", minCapacity: 8 }],
        observation: { runningCount: 3, desiredCount: 3 },
      }),
    );
    expect(decision.desiredCapacity).toBe(3);
    expect(codes(decision)).toContain("ScheduledScalingSuspended");
  });

  it("honours startTime and endTime", () => {
    const action = { schedule: "cron(0 12 * * ? *)", minCapacity: 8, startTime: "2026-12-01T00:00:00Z" };
    expect(decideAt(noon, action).desiredCapacity).toBe(3);
    const ended = { schedule: "cron(0 12 * * ? *)", minCapacity: 8, endTime: "2026-11-01T00:00:00Z" };
    expect(decideAt(noon, ended).desiredCapacity).toBe(3);
  });

  it("runs at() once and rate() on its period", () => {
    expect(decideAt(noon, { schedule: "at(2026-11-23T12:00:00)", minCapacity: 8 }).desiredCapacity).toBe(8);
    expect(decideAt(noon + 5 * MINUTE, { schedule: "rate(5 minutes)", minCapacity: 8 }).desiredCapacity).toBe(
      8,
    );
    expect(decideAt(noon + 3 * MINUTE, { schedule: "rate(5 minutes)", minCapacity: 8 }).desiredCapacity).toBe(
      3,
    );
  });
});

describe("cron with L, W and # in a time zone, across DST", () => {
  // Each case: the instant (UTC) the action must fire; it is due then and not a minute before.
  it.each([
    // First Monday, 09:00 New York: 2 March 2026 is EST (UTC−5), 6 April 2026 is EDT (UTC−4).
    { schedule: "cron(0 9 ? * 2#1 *)", timezone: "America/New_York", fires: "2026-03-02T14:00:00Z" },
    { schedule: "cron(0 9 ? * 2#1 *)", timezone: "America/New_York", fires: "2026-04-06T13:00:00Z" },
    // Last day of the month, midnight Berlin: 28 Feb is CET (UTC+1), 31 March is CEST (UTC+2).
    { schedule: "cron(0 0 L * ? *)", timezone: "Europe/Berlin", fires: "2026-02-27T23:00:00Z" },
    { schedule: "cron(0 0 L * ? *)", timezone: "Europe/Berlin", fires: "2026-03-30T22:00:00Z" },
    // Nearest weekday to the 15th, 08:00 New York: Sunday 15 March (EDT) → Monday 16th; Sunday 15 Nov (EST) → 16th.
    { schedule: "cron(0 8 15W * ? *)", timezone: "America/New_York", fires: "2026-03-16T12:00:00Z" },
    { schedule: "cron(0 8 15W * ? *)", timezone: "America/New_York", fires: "2026-11-16T13:00:00Z" },
    // Last Friday, 18:00 Berlin: 27 March is CET (before the 29 March change), 30 October is CET again.
    { schedule: "cron(0 18 ? * 6L *)", timezone: "Europe/Berlin", fires: "2026-03-27T17:00:00Z" },
    { schedule: "cron(0 18 ? * 6L *)", timezone: "Europe/Berlin", fires: "2026-04-24T16:00:00Z" },
  ])("$schedule in $timezone fires at $fires", ({ schedule, timezone, fires }) => {
    const action = { schedule, timezone, minCapacity: 8 };
    expect(decideAt(at(fires), action).desiredCapacity).toBe(8);
    expect(decideAt(at(fires) - MINUTE, action).desiredCapacity).toBe(3);
  });
});

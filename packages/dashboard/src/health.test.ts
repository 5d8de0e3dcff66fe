import { describe, expect, it } from "vitest";
import type { TargetList } from "./api-types.ts";
import { fleetIssues, targetIssues } from "./health.ts";
import { makeActivity, makeView } from "./test-fixtures.ts";

const failed = makeActivity(5_000, {
  action: "None",
  status: "Failed",
  statusMessage: "NotFound: ECS service service/demo/ghost does not exist",
  count: 7,
  endTime: 9_000,
});

describe("health", () => {
  it("a healthy target has no issue", () => {
    expect(targetIssues(makeView({}), makeActivity(1_000))).toEqual([]);
  });

  it("a failing target gives the failure's message, since when and how often; stale says why", () => {
    const view = makeView({ id: "service/demo/ghost", counts: null, stale: true });
    expect(targetIssues(view, failed)).toEqual([
      {
        kind: "failing",
        subject: "service/demo/ghost",
        reason: "NotFound: ECS service service/demo/ghost does not exist",
        since: 5_000,
        last: 9_000,
        count: 7,
      },
      {
        kind: "stale",
        subject: "service/demo/ghost",
        reason: "ECS did not report this service; no counts to show",
      },
    ]);
  });

  it("a failure followed by a success is over", () => {
    expect(targetIssues(makeView({}), makeActivity(10_000))).toEqual([]);
  });

  it.each([
    [{ dryRun: true }, "dryRun", "decides and records, but does not change the service"],
    [{ suspendIn: true }, "suspended", "scale-in suspended until resumed"],
    [
      { max: 3 },
      "atMax",
      "desired 3 is the maximum, 3", // no decision to quote: the counts say it
    ],
  ] as const)("%o → %s", (overrides, kind, reason) => {
    expect(targetIssues(makeView(overrides), undefined)).toEqual([
      { kind, subject: "service/demo/web", reason },
    ]);
  });

  it("at max quotes the decision's clamp; a deployment hold is a refusal", () => {
    const lastDecision = {
      at: 1,
      desiredCapacity: 3,
      action: "None" as const,
      dryRun: false,
      observed: { desiredCount: 3, runningCount: 3, pendingCount: 0 },
      reasons: [
        { code: "AlreadyAtMaxCapacity" as const, message: "wanted 5, capped at max 3" },
        { code: "TargetServicePutResourceAsUnscalable" as const, message: "ECS deployment in progress" },
      ],
    };
    const issues = targetIssues(makeView({ max: 3, lastDecision }), undefined);
    expect(issues.map((i) => [i.kind, i.reason])).toEqual([
      ["refused", "ECS deployment in progress"],
      ["atMax", "AlreadyAtMaxCapacity: wanted 5, capped at max 3"],
    ]);
  });

  it("a service Application Auto Scaling still scales is a refusal, with what Gantry would do", () => {
    const message =
      "service/demo/a is still registered with Application Auto Scaling: not scaled (would set 3 → 5)";
    const lastDecision = {
      at: 1,
      desiredCapacity: 3,
      action: "None" as const,
      dryRun: false,
      observed: { desiredCount: 3, runningCount: 3, pendingCount: 0 },
      reasons: [{ code: "ManagedByApplicationAutoScaling" as const, message }],
    };
    const issues = targetIssues(makeView({ lastDecision }), undefined);
    expect(issues.map((i) => [i.kind, i.reason])).toEqual([["refused", message]]);
  });

  it("the fleet: unreadable items and failing groups first, then by target; ECS down names its error", () => {
    const list: TargetList = {
      items: [makeView({ id: "service/demo/b", dryRun: true, stale: true })],
      stale: true,
      staleReason: "ThrottledError",
      problems: [{ id: "service/demo/a", code: "CorruptItem", message: "config: expected object" }],
    };
    const group = {
      name: "workers",
      mode: "asg" as const,
      targetIds: [],
      lastActivity: makeActivity(3_000, { status: "Failed", statusMessage: "AccessDenied: no" }),
    };
    const issues = fleetIssues(list, () => undefined, [group]);
    expect(issues.map((i) => [i.kind, i.subject])).toEqual([
      ["failing", "capacity/workers"],
      ["refused", "service/demo/a"],
      ["stale", "service/demo/b"],
      ["dryRun", "service/demo/b"],
    ]);
    expect(issues[1]?.reason).toContain("config: expected object");
    expect(issues[2]?.reason).toBe(
      "ECS did not answer (ThrottledError); the counts shown are its last decision's",
    );
  });
});

import { describe, expect, it } from "vitest";
import { evaluate } from "../index.ts";
import type { Decision } from "../model/decision.ts";
import type { EvaluateRequestInput } from "../model/evaluate-request.ts";
import { batchesLastTask } from "./batch-from-zero.ts";
import { QUEUE, workerPolicy } from "./test-support.ts";

const T0 = Date.parse("2026-12-03T12:00:00Z");
const policy = workerPolicy(2, 60);
const startup = { taskStartSeconds: 45, breakEvenScaleIn: true, maxWaitSeconds: 120 };

interface Tick {
  visible: number;
  inFlight?: number;
}

/** One decision every 15 s from a fleet at zero; the service follows each decision at once. */
function replay(
  ticks: readonly Tick[],
  behavior: EvaluateRequestInput["behavior"],
  policies: EvaluateRequestInput["policies"] = [policy],
): Decision[] {
  const decisions: Decision[] = [];
  let desired = 0;
  let state: Decision["state"] | undefined;
  ticks.forEach((tick, i) => {
    const decision = evaluate({
      now: T0 + i * 15_000,
      target: { id: "service/prod/worker", minCapacity: 0, maxCapacity: 20 },
      policies,
      observation: {
        runningCount: desired,
        desiredCount: desired,
        queues: { [QUEUE]: { visible: tick.visible, inFlight: tick.inFlight ?? 0 } },
      },
      behavior: { scaleToZero: { idleSeconds: 0 }, ...behavior },
      ...(state && { state }),
    });
    decisions.push(decision);
    desired = decision.desiredCapacity;
    state = decision.state;
  });
  return decisions;
}

const empty = { visible: 0 };
// A message arrives after the first (empty) evaluation; more trickle in.
const trickle = [empty, { visible: 1 }, { visible: 2 }, { visible: 2 }, { visible: 3 }, { visible: 3 }];

describe("batched launch from zero", () => {
  it("without maxWaitSeconds launches at the first message", () => {
    const decisions = replay(trickle, { startup: { taskStartSeconds: 45, breakEvenScaleIn: true } });
    expect(decisions[1]?.desiredCapacity).toBe(1);
    expect(decisions.every((d) => d.state.emptyAt === undefined)).toBe(true);
  });

  it("waits while the oldest message still starts in time, then launches for the batch", () => {
    const decisions = replay(trickle, { startup });
    // Oldest at most 15, 30, 45 s old at ticks 1–3: 45 s + a 15 s sub-tick + 45 s start + 6 s of work > 120 s.
    expect(decisions.slice(1, 4).map((d) => d.desiredCapacity)).toEqual([0, 0, 0]);
    expect(decisions[1]?.reasons.map((r) => r.code)).toContain("LaunchBatched");
    expect(decisions[1]?.reasons.find((r) => r.code === "LaunchBatched")?.message).toMatch(
      /1 message waiting at zero tasks, the oldest at most 15 s: launching by 58 s/,
    );
    expect(decisions[4]?.desiredCapacity).toBe(1);
    expect(decisions.map((d) => d.state.emptyAt)).toEqual(Array(6).fill(T0));
  });

  it("counts the batch's work on the one task: a longer backlog launches sooner", () => {
    const heavy = { sqsUtilization: { ...policy.metric.sqsUtilization, processingSeconds: 20 } };
    const decisions = replay(trickle, { startup }, [{ ...policy, targetValue: 1000, metric: heavy }]);
    // 1 message × 20 s: oldest ≤ 15 s + 15 + 45 + 20 = 95 s ≤ 120 s, so it waits.
    // 2 messages × 20 s: oldest ≤ 30 s + 15 + 45 + 40 = 130 s > 120 s, so the launch is not deferred.
    expect(decisions[1]?.desiredCapacity).toBe(0);
    expect(decisions[2]?.desiredCapacity).toBe(1);
    expect(decisions[2]?.reasons.map((r) => r.code)).not.toContain("LaunchBatched");
  });

  it("launches at once for a backlog that asks for more than one task, or with no empty sample yet", () => {
    const burst = replay([empty, { visible: 200 }], { startup });
    expect(burst[1]?.desiredCapacity).toBeGreaterThan(1);
    const unseen = replay([{ visible: 1 }], { startup });
    expect(unseen[0]?.desiredCapacity).toBe(1);
  });

  it("lets the last task go as soon as it idles, where break-even would keep it", () => {
    // Busy 15 s of every 30 s: break-even keeps the one task through 15 s gaps.
    const busy = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0].map((inFlight) => ({ visible: 0, inFlight }));
    const kept = replay(busy, { startup: { taskStartSeconds: 45, breakEvenScaleIn: true } });
    const batched = replay(busy, { startup });
    expect(
      kept
        .slice(3)
        .some((d) => d.desiredCapacity === 1 && d.reasons.some((r) => r.code === "StartCostBreakEven")),
    ).toBe(true);
    expect(
      batched.filter((_, i) => i > 0 && (busy[i]?.inFlight ?? 0) === 0).map((d) => d.desiredCapacity),
    ).toEqual([0, 0, 0, 0, 0]);
  });

  it("batches only where the wait allowed outlasts a start and a sub-tick", () => {
    expect(batchesLastTask({ taskStartSeconds: 45, maxWaitSeconds: 60 })).toBe(false);
    expect(batchesLastTask({ taskStartSeconds: 45, maxWaitSeconds: 61 })).toBe(true);
    expect(batchesLastTask({ taskStartSeconds: 45 })).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { evaluate } from "../index.ts";
import type { Decision } from "../model/decision.ts";
import type { EvaluateRequestInput } from "../model/evaluate-request.ts";
import { TargetConfigSchema } from "../model/target-config.ts";
import { QUEUE, workerPolicy } from "./test-support.ts";

const T0 = Date.parse("2026-12-03T12:00:00Z");
const policy = workerPolicy(2, 30);
const floor = { windowSeconds: 120, holdSeconds: 60 };

interface Tick {
  visible: number;
  inFlight: number;
  /** Seconds since the previous tick; default 15. */
  after?: number;
  /** The queue was not read this pass. */
  unread?: boolean;
}

interface Options {
  loadFloor?: Record<string, number>;
  outSuspended?: boolean;
}

/** One decision per tick from 4 tasks; the service follows each decision at once. */
function replay(ticks: readonly Tick[], options: Options = {}): Decision[] {
  const decisions: Decision[] = [];
  let desired = 4;
  let now = T0;
  let state: Decision["state"] | undefined;
  const startup = { taskStartSeconds: 45, ...(options.loadFloor && { loadFloor: options.loadFloor }) };
  for (const tick of ticks) {
    now += (tick.after ?? 15) * 1000;
    const request: EvaluateRequestInput = {
      now,
      target: {
        id: "service/prod/worker",
        minCapacity: 0,
        maxCapacity: 50,
        ...(options.outSuspended && { suspendedState: { dynamicScalingOutSuspended: true } }),
      },
      policies: [policy],
      observation: {
        runningCount: desired,
        desiredCount: desired,
        queues: tick.unread ? {} : { [QUEUE]: { visible: tick.visible, inFlight: tick.inFlight } },
      },
      behavior: { scaleToZero: { idleSeconds: 0 }, startup },
      ...(state && { state }),
    };
    const decision = evaluate(request);
    decisions.push(decision);
    desired = decision.desiredCapacity;
    state = decision.state;
  }
  return decisions;
}

const busy = (n: number): Tick[] => Array.from({ length: n }, () => ({ visible: 0, inFlight: 4 }));
const idle = (n: number): Tick[] => Array.from({ length: n }, () => ({ visible: 0, inFlight: 0 }));
const codes = (d: Decision | undefined) => d?.reasons.map((r) => r.code) ?? [];

describe("offered-load floor", () => {
  it("without it, a lull stops the fleet at once", () => {
    const decisions = replay([...busy(8), ...idle(1)]);
    expect(decisions.at(-1)?.desiredCapacity).toBe(0);
    expect(decisions.at(-1)?.state.load).toBeUndefined();
  });

  it("holds the recent offered load through a lull shorter than the hold", () => {
    const decisions = replay([...busy(8), ...idle(4)], { loadFloor: floor });
    // 4 messages in flight at 2 s each, nothing queued: 4 tasks of load, averaged over the window.
    const lull = decisions.slice(8);
    expect(lull.map((d) => d.desiredCapacity)).toEqual([4, 4, 4, 4]);
    expect(codes(lull[0])).toContain("OfferedLoadFloor");
    expect(lull[0]?.reasons.find((r) => r.code === "OfferedLoadFloor")?.message).toMatch(
      /offered load over 120 s, measured 15 s ago: 4 tasks on average, held 60 s: at least 4 tasks, above the 0 asked/,
    );
  });

  it("lets go once the lull has lowered the windowed load for the hold", () => {
    const decisions = replay([...busy(8), ...idle(20)], { loadFloor: floor });
    const capacities = decisions.map((d) => d.desiredCapacity);
    // The window's mean falls as idle samples replace busy ones; after window + hold nothing is held.
    expect(capacities.slice(8, 12)).toEqual([4, 4, 4, 4]);
    expect(capacities.at(-1)).toBe(0);
    expect(capacities.slice(8)).toEqual([...capacities.slice(8)].sort((a, b) => b - a));
  });

  it("counts the work that arrived in the queue, not only the messages in flight", () => {
    // 30 messages of 2 s arrive every 15 s and the 4 tasks work 4 at a time: 4 + (60 - 8) / 15 ≈ 7.5 tasks.
    const rising: Tick[] = Array.from({ length: 6 }, (_, i) => ({ visible: 26 * (i + 1), inFlight: 4 }));
    const decisions = replay([...rising, ...idle(1)], {
      loadFloor: { windowSeconds: 60, holdSeconds: 60 },
    });
    const samples = decisions.at(-2)?.state.load?.samples.map(([, tasks]) => tasks) ?? [];
    expect(samples.slice(-3)).toEqual([7.47, 7.47, 7.47]);
  });

  it("needs four samples in a window before it holds anything", () => {
    const decisions = replay([...busy(3), ...idle(1)], { loadFloor: floor });
    expect(decisions.at(-1)?.desiredCapacity).toBe(0);
    expect(decisions.at(-1)?.state.load?.samples).toHaveLength(3);
  });

  it("starts afresh after a gap longer than the window", () => {
    const decisions = replay([...busy(8), { visible: 0, inFlight: 0, after: 600 }], { loadFloor: floor });
    expect(decisions.at(-1)?.desiredCapacity).toBe(0);
    expect(decisions.at(-1)?.state.load?.samples).toEqual([]);
  });

  it("keeps its memory through a pass that could not read the queue", () => {
    const decisions = replay([...busy(8), { visible: 0, inFlight: 0, unread: true }], { loadFloor: floor });
    expect(decisions.at(-1)?.state.load).toEqual(decisions.at(-2)?.state.load);
  });

  it("adds standard deviations of the sampled load", () => {
    // 30 messages of 2 s arrive every other 15 s: samples alternate 8 and 0 tasks. The highest window (four
    // bursts in seven samples) averages 4.57 tasks with a deviation of 4.28.
    const bursts: Tick[] = Array.from({ length: 9 }, (_, i) => ({ visible: i % 2 ? 30 : 0, inFlight: 4 }));
    const plain = replay([...bursts, ...idle(1)], { loadFloor: floor });
    const spread = replay([...bursts, ...idle(1)], { loadFloor: { ...floor, sigmas: 2 } });
    expect(plain.at(-1)?.desiredCapacity).toBe(5);
    expect(spread.at(-1)?.desiredCapacity).toBe(14);
  });

  it("does not raise above the desired count while dynamic scale-out is suspended", () => {
    const decisions = replay([...busy(8), ...idle(1)], { loadFloor: floor, outSuspended: true });
    // Scale-in is not suspended: the floor still holds the 4 tasks running, and adds none.
    expect(decisions.at(-1)?.desiredCapacity).toBe(4);
  });

  it("is refused without an sqsUtilization policy, where it could never act", () => {
    const backlog = { ...policy, metric: { sqs: { queueUrl: QUEUE } } };
    const config = {
      target: { id: "service/prod/worker", minCapacity: 0, maxCapacity: 5 },
      policies: [backlog],
      behavior: { startup: { taskStartSeconds: 45, loadFloor: {} } },
    };
    const result = TargetConfigSchema.safeParse(config);
    expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [
        ["behavior", "startup", "loadFloor"],
        "needs a policy on an sqsUtilization metric: its processingSeconds turn arrivals into tasks",
      ],
    ]);
    expect(() => evaluate({ ...config, now: T0, observation: { runningCount: 1, desiredCount: 1 } })).toThrow(
      /behavior\.startup\.loadFloor/,
    );
    expect(TargetConfigSchema.safeParse({ ...config, policies: [policy] }).success).toBe(true);
  });

  it("rejects a window too short to average, naming the field", () => {
    const result = TargetConfigSchema.safeParse({
      target: { id: "service/prod/worker", minCapacity: 0, maxCapacity: 5 },
      policies: [policy],
      behavior: { startup: { taskStartSeconds: 45, loadFloor: { windowSeconds: 30 } } },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["behavior", "startup", "loadFloor", "windowSeconds"]);
  });
});

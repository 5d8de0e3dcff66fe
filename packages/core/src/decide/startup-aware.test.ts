import { describe, expect, it } from "vitest";
import { evaluate } from "../index.ts";
import type { Decision } from "../model/decision.ts";
import type { EvaluateRequestInput } from "../model/evaluate-request.ts";
import { QUEUE, workerPolicy } from "./test-support.ts";

const T0 = Date.parse("2026-11-22T12:00:00Z");
const policy = workerPolicy(1, 30);
const startup = { taskStartSeconds: 45, breakEvenScaleIn: true };

function base(behavior?: EvaluateRequestInput["behavior"]): EvaluateRequestInput {
  return {
    now: T0,
    target: { id: "service/prod/worker", minCapacity: 1, maxCapacity: 100 },
    policies: [policy],
    observation: { runningCount: 6, desiredCount: 6 },
    ...(behavior && { behavior }),
  };
}

/** Every 15 s, `busy` messages in flight and none waiting; the service follows each decision at once. */
function replay(request: EvaluateRequestInput, busy: readonly number[]): Decision[] {
  const decisions: Decision[] = [];
  let desired = request.observation.desiredCount;
  let state: Decision["state"] | undefined;
  busy.forEach((inFlight, i) => {
    const decision = evaluate({
      ...request,
      now: T0 + i * 15_000,
      observation: {
        runningCount: desired,
        desiredCount: desired,
        queues: { [QUEUE]: { visible: 0, inFlight } },
      },
      ...(state && { state }),
    });
    decisions.push(decision);
    desired = decision.desiredCapacity;
    state = decision.state;
  });
  return decisions;
}

// The sixth task is needed for 15 s every 45 s: a gap of 30 s, shorter than a 45-second start.
const flapping = [6, 5, 5, 6, 5, 5, 6, 5, 5, 6, 5, 5, 6, 5, 5];

describe("startup-aware scaling in decide", () => {
  it("is off by default: the task needed every 45 s is stopped and relaunched each time", () => {
    const decisions = replay(base(), flapping);
    const actions = decisions.map((d) => d.action).filter((a) => a !== "None");
    expect(actions.filter((a) => a === "ScaleIn")).toHaveLength(5);
    expect(decisions.every((d) => d.state.need === undefined)).toBe(true);
    expect(decisions.flatMap((d) => d.reasons).some((r) => r.code === "StartCostBreakEven")).toBe(false);
  });

  it("with breakEvenScaleIn keeps it once its idle gaps are known to end within a start", () => {
    const decisions = replay(base({ startup }), flapping);
    const scaleIns = decisions.filter((d) => d.action === "ScaleIn");
    expect(scaleIns).toHaveLength(1); // the first gap: nothing known about this level yet
    const kept = decisions.filter((d) => d.reasons.some((r) => r.code === "StartCostBreakEven"));
    expect(kept.length).toBeGreaterThanOrEqual(6);
    expect(kept.every((d) => d.desiredCapacity === 6 && d.action === "None")).toBe(true);
    expect(decisions.at(-1)?.state.need?.levels).toHaveLength(flapping.length);
  });

  it("never counts a task working a message as idle, whatever the policy asks", () => {
    // At 300 % the policy wants 2 of the 6 tasks, but all 6 work a message: none of them is idle.
    const request = { ...base({ startup }), policies: [{ ...policy, targetValue: 300 }] };
    const [decision] = replay(request, [6]);
    expect(decision?.desiredCapacity).toBe(6);
    expect(decision?.reasons.find((r) => r.code === "StartCostBreakEven")?.message).toBe(
      "2 asked; keeping 6 of 6 tasks: task 6 is needed now; stopping and relaunching it would cost more than keeping it",
    );
    expect(replay({ ...request, behavior: undefined }, [6])[0]?.desiredCapacity).toBe(2);
  });

  it("pre-scales from the request's history only when the target asks for it", () => {
    // Yesterday the queue jumped from 1 to 20 msg/s at 12:00; it is 11:59:30, reactive needs 1 task.
    const arrivals = Array.from({ length: 288 }, (_, s): number => (s >= 144 ? 20 : 1)).concat(
      Array<number>(143).fill(1),
    );
    const history = { startAt: T0 - 86_400_000 - 144 * 300_000, arrivals };
    const predictive = { processingSeconds: 1, lookbackDays: 1 };
    const request = {
      ...base({ startup: { taskStartSeconds: 45, predictive } }),
      now: T0 - 30_000,
      observation: { runningCount: 1, desiredCount: 1, queues: { [QUEUE]: { visible: 0, inFlight: 1 } } },
      history,
    };
    const decision = evaluate(request);
    expect(decision).toMatchObject({ desiredCapacity: 20, action: "ScaleOut" });
    expect(decision.reasons.map((r) => r.code)).toContain("PredictiveScaleOut");
    expect(evaluate({ ...request, behavior: undefined }).desiredCapacity).toBe(1);
    const suspended = { ...request.target, suspendedState: { dynamicScalingOutSuspended: true } };
    expect(evaluate({ ...request, target: suspended }).desiredCapacity).toBe(1);
  });

  it("validates the config and the history", () => {
    const tooLong = { startAt: T0, arrivals: Array<number>(14 * 288 + 1).fill(1) };
    expect(() => evaluate({ ...base(), history: tooLong })).toThrow(/history\.arrivals/);
    const badLookback = { taskStartSeconds: 45, predictive: { processingSeconds: 1, lookbackDays: 15 } };
    expect(() => evaluate(base({ startup: badLookback }))).toThrow(/lookbackDays/);
  });
});

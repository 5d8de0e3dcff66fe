import { describe, expect, it } from "vitest";
import { evaluate } from "../index.ts";
import type { Decision } from "../model/decision.ts";
import type { EvaluateRequestInput } from "../model/evaluate-request.ts";
import { QUEUE, workerPolicy } from "./test-support.ts";

const T0 = Date.parse("2026-12-03T12:00:00Z");
const policy = workerPolicy(1, 15);

/** Every 15 s, `visible` messages waiting; the service follows each decision at once. */
function replay(visible: readonly number[], startup: Record<string, unknown>): Decision[] {
  const decisions: Decision[] = [];
  let desired = 1;
  let state: Decision["state"] | undefined;
  visible.forEach((waiting, i) => {
    const request: EvaluateRequestInput = {
      now: T0 + i * 15_000,
      target: { id: "service/prod/worker", minCapacity: 1, maxCapacity: 20 },
      policies: [policy],
      observation: {
        runningCount: desired,
        desiredCount: desired,
        queues: { [QUEUE]: { visible: waiting } },
      },
      behavior: { startup: { taskStartSeconds: 45, ...startup } },
      ...(state && { state }),
    };
    const decision = evaluate(request);
    decisions.push(decision);
    desired = decision.desiredCapacity;
    state = decision.state;
  });
  return decisions;
}

// A burst asks for 5 tasks at 0 s, gone by 15 s.
const burst = [75, 0, 0, 0, 0, 0];

describe("minimum billed time", () => {
  it("without it, cancels the tasks still starting as soon as the burst is gone", () => {
    const counts = replay(burst, {}).map((d) => d.desiredCapacity);
    expect(counts.slice(0, 2)).toEqual([5, 1]);
  });

  it("with it, holds scale-in until the launch is past its start, then lets the tasks go", () => {
    const decisions = replay(burst, { minimumBilledSeconds: 60 });
    // Launched at 0 s: held at 15 and 30 s (younger than the 45 s start), free at 45 s.
    expect(decisions.map((d) => d.desiredCapacity)).toEqual([5, 5, 5, 1, 1, 1]);
    expect(decisions[1]?.reasons.find((r) => r.code === "BilledMinimumKept")?.message).toMatch(
      /1 asked; keeping 5 tasks: the tasks launched 15 s ago are still starting, and cancelled they would be billed 60 s/,
    );
    expect(decisions[0]?.state.launches).toEqual([[T0, 4]]);
    expect(decisions[3]?.state.launches).toEqual([]);
  });

  it("holds no longer than the minimum when it is shorter than the start", () => {
    const decisions = replay(burst, { minimumBilledSeconds: 20 });
    expect(decisions.map((d) => d.desiredCapacity)).toEqual([5, 5, 1, 1, 1, 1]);
  });
});

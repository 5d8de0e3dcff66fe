import { type Decision, type EvaluateRequestInput, evaluate } from "@gantry/core";

export const T0 = Date.parse("2026-11-22T12:00:00Z");
export const MINUTE = 60_000;
export const QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs";

type Observation = EvaluateRequestInput["observation"];

/** A request with a sensible target and observation; override any part. */
export function request(overrides: Partial<EvaluateRequestInput> = {}): EvaluateRequestInput {
  return {
    now: T0,
    target: { id: "service/prod/worker", minCapacity: 1, maxCapacity: 100 },
    policies: [],
    observation: { runningCount: 10, desiredCount: 10 },
    ...overrides,
  };
}

/** One-minute datapoints ending `lagMs` before `now`, oldest first. */
export function series(values: readonly number[], now = T0, lagMs = MINUTE, periodMs = MINUTE) {
  const newest = Math.floor((now - lagMs) / periodMs) * periodMs;
  return values.map((value, i) => ({ timestamp: newest - (values.length - 1 - i) * periodMs, value }));
}

export const cpuPolicy = (overrides: Record<string, unknown> = {}) => ({
  name: "cpu",
  type: "TargetTracking" as const,
  targetValue: 50,
  metric: { predefined: "ECSServiceAverageCPUUtilization" as const },
  ...overrides,
});

export const backlogPolicy = (overrides: Record<string, unknown> = {}) => ({
  name: "backlog",
  type: "TargetTracking" as const,
  targetValue: 10,
  metric: { sqs: { queueUrl: QUEUE } },
  ...overrides,
});

export function codes(decision: Decision | undefined): string[] {
  return decision ? decision.reasons.map((r) => r.code) : [];
}

/**
 * Runs decisions in order, carrying state and applying each decision to the next observation
 * (desired and running follow the decision at once unless a step sets them).
 */
export function runSequence(
  base: EvaluateRequestInput,
  steps: readonly {
    now: number;
    observation?: Partial<Observation>;
    trigger?: EvaluateRequestInput["trigger"];
  }[],
): Decision[] {
  const decisions: Decision[] = [];
  let desired = base.observation.desiredCount;
  let running = base.observation.runningCount;
  let state = base.state;
  for (const step of steps) {
    const observation = {
      ...base.observation,
      desiredCount: desired,
      runningCount: running,
      ...step.observation,
    };
    const decision = evaluate({
      ...base,
      now: step.now,
      observation,
      ...(state && { state }),
      ...(step.trigger && { trigger: step.trigger }),
    });
    decisions.push(decision);
    desired = decision.desiredCapacity;
    running = decision.desiredCapacity;
    state = JSON.parse(JSON.stringify(decision.state));
  }
  return decisions;
}

/** Fifteen equal datapoints: target tracking's default scale-in window. */
export const fifteen = (value: number) => Array.from({ length: 15 }, () => value);

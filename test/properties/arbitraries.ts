import fc from "fast-check";
import { MINUTE, QUEUE, T0 } from "../support/requests.ts";

const name = fc.constantFrom("cpu", "backlog", "stepOut", "stepIn");

const evaluation = fc.record({
  periodSeconds: fc.constantFrom(15, 60),
  scaleOutDatapoints: fc.integer({ min: 1, max: 4 }),
  scaleInDatapoints: fc.integer({ min: 1, max: 16 }),
});

const policyFor = (policyName: string) => {
  switch (policyName) {
    case "cpu":
      return fc.record({
        name: fc.constant("cpu"),
        type: fc.constant("TargetTracking" as const),
        targetValue: fc.integer({ min: 1, max: 100 }),
        metric: fc.constant({ predefined: "ECSServiceAverageCPUUtilization" as const }),
        disableScaleIn: fc.boolean(),
        scaleInCooldown: fc.constantFrom(0, 60, 300),
        evaluation,
      });
    case "backlog":
      return fc.record({
        name: fc.constant("backlog"),
        type: fc.constant("TargetTracking" as const),
        targetValue: fc.integer({ min: 1, max: 50 }),
        metric: fc.constant({ sqs: { queueUrl: QUEUE } }),
        evaluation,
      });
    default: {
      const out = policyName === "stepOut";
      return fc.record({
        name: fc.constant(policyName),
        type: fc.constant("StepScaling" as const),
        metric: fc.constant({ cloudwatch: { namespace: "App", metricName: "Load", statistic: "Average" } }),
        alarm: fc.record({
          threshold: fc.integer({ min: 0, max: 200 }),
          comparisonOperator: fc.constant(
            out ? ("GreaterThanOrEqualToThreshold" as const) : ("LessThanThreshold" as const),
          ),
        }),
        adjustmentType: fc.constantFrom("ChangeInCapacity" as const, "PercentChangeInCapacity" as const),
        stepAdjustments: fc.constant(
          out
            ? [
                { metricIntervalLowerBound: 0, metricIntervalUpperBound: 50, scalingAdjustment: 2 },
                { metricIntervalLowerBound: 50, scalingAdjustment: 40 },
              ]
            : [{ metricIntervalUpperBound: 0, scalingAdjustment: -30 }],
        ),
        cooldown: fc.constantFrom(0, 300),
      });
    }
  }
};

const datapoints = fc.array(
  fc.record({
    minutesAgo: fc.integer({ min: 0, max: 20 }),
    value: fc.double({ min: 0, max: 500, noNaN: true }),
  }),
  { maxLength: 20 },
);

function toSeries(points: { minutesAgo: number; value: number }[], now: number) {
  return points
    .map((p) => ({ timestamp: now - p.minutesAgo * MINUTE, value: p.value }))
    .sort((a, b) => a.timestamp - b.timestamp);
}

export const behavior = fc.option(
  fc.record(
    {
      scaleUp: fc.record({ stabilizationWindowSeconds: fc.integer({ min: 0, max: 300 }) }),
      scaleDown: fc.record({ stabilizationWindowSeconds: fc.integer({ min: 0, max: 300 }) }),
      scaleToZero: fc.record({ idleSeconds: fc.integer({ min: 0, max: 600 }) }),
      fallback: fc.record({
        afterSeconds: fc.integer({ min: 0, max: 600 }),
        capacity: fc.integer({ min: 0, max: 30 }),
      }),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

export interface Scenario {
  min: number;
  max: number;
  policies: unknown[];
  behavior: unknown;
  steps: {
    desired: number;
    running: number;
    metrics: Record<string, unknown>;
    queue?: { visible: number; inFlight: number };
  }[];
}

const step = fc.record({
  desired: fc.integer({ min: 0, max: 80 }),
  running: fc.integer({ min: 0, max: 80 }),
  points: fc.dictionary(name, datapoints),
  queue: fc.option(
    fc.record({ visible: fc.integer({ min: 0, max: 2000 }), inFlight: fc.integer({ min: 0, max: 100 }) }),
    { nil: undefined },
  ),
});

/** A target with random policies and a random run of observations, 30 s apart. */
export const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    min: fc.integer({ min: 0, max: 10 }),
    span: fc.integer({ min: 0, max: 40 }),
    names: fc.uniqueArray(name, { maxLength: 4 }),
    behavior,
    steps: fc.array(step, { minLength: 1, maxLength: 6 }),
  })
  .chain(({ min, span, names, behavior, steps }) =>
    fc.tuple(...names.map(policyFor)).map((policies) => ({
      min,
      max: min + span,
      policies,
      behavior,
      steps: steps.map((s, i) => ({
        desired: s.desired,
        running: s.running,
        metrics: Object.fromEntries(
          Object.entries(s.points).map(([k, v]) => [k, toSeries(v, T0 + i * 30_000)]),
        ),
        ...(s.queue && { queue: s.queue }),
      })),
    })),
  );

export function requestAt(s: Scenario, index: number, state: unknown) {
  const st = s.steps[index] as Scenario["steps"][number];
  return {
    now: T0 + index * 30_000,
    target: { id: "service/prop/svc", minCapacity: s.min, maxCapacity: s.max },
    policies: s.policies,
    ...(s.behavior !== undefined && { behavior: s.behavior }),
    observation: {
      desiredCount: st.desired,
      runningCount: st.running,
      metrics: st.metrics,
      queues: st.queue ? { [QUEUE]: { ...st.queue, delayed: 0 } } : {},
    },
    ...(state !== undefined && { state }),
  };
}

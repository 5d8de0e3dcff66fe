// `npm run bench:core`: time per decision of the pure core for a target with 3 policies (goal ≤ 20 µs).
import { decide, type EvaluateRequestInput, evaluate, parseEvaluateRequest } from "../src/index.ts";

const NOW = Date.parse("2026-11-22T12:00:00Z");
const QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs";
const minuteSeries = (values: number[]) =>
  values.map((value, i) => ({ timestamp: NOW - (values.length + 1 - i) * 60_000, value }));

const input: EvaluateRequestInput = {
  now: NOW,
  target: { id: "service/prod/worker", minCapacity: 1, maxCapacity: 200 },
  policies: [
    {
      name: "cpu",
      type: "TargetTracking",
      targetValue: 60,
      metric: { predefined: "ECSServiceAverageCPUUtilization" },
    },
    { name: "backlog", type: "TargetTracking", targetValue: 20, metric: { sqs: { queueUrl: QUEUE } } },
    {
      name: "surge",
      type: "StepScaling",
      metric: {
        cloudwatch: {
          namespace: "AWS/SQS",
          metricName: "ApproximateAgeOfOldestMessage",
          statistic: "Maximum",
        },
      },
      alarm: {
        threshold: 300,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
      },
      adjustmentType: "PercentChangeInCapacity",
      stepAdjustments: [
        { metricIntervalLowerBound: 0, metricIntervalUpperBound: 300, scalingAdjustment: 20 },
        { metricIntervalLowerBound: 300, scalingAdjustment: 50 },
      ],
      minAdjustmentMagnitude: 2,
    },
  ],
  scheduledActions: [
    {
      name: "business-hours",
      schedule: "cron(0 8 ? * MON-FRI *)",
      timezone: "Europe/Berlin",
      minCapacity: 5,
    },
  ],
  behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
  observation: {
    runningCount: 12,
    desiredCount: 12,
    pendingCount: 0,
    metrics: {
      cpu: minuteSeries(Array.from({ length: 15 }, (_, i) => 40 + i)),
      surge: minuteSeries([120, 180, 240]),
    },
    queues: { [QUEUE]: { visible: 310, inFlight: 12, delayed: 0 } },
  },
};

function measure(label: string, iterations: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(iterations, 20_000); i++) fn(i); // warm up the JIT
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn(i);
  const micros = Number(process.hrtime.bigint() - start) / 1000 / iterations;
  console.log(`${label.padEnd(44)} ${micros.toFixed(2).padStart(8)} µs/decision  (${iterations} runs)`);
  return micros;
}

// A realistic steady state: the previous decision's state, with its history, goes into the next one.
const first = evaluate(input);
const parsed = parseEvaluateRequest({ ...input, now: NOW + 30_000, state: first.state });
const requests = Array.from({ length: 64 }, (_, i) => ({ ...parsed, now: parsed.now + i * 15_000 }));

console.log(
  `node ${process.version}, target with ${input.policies?.length} policies + 1 scheduled action + behavior\n`,
);
const core = measure("decide (validated request)", 200_000, (i) =>
  decide(requests[i % requests.length] as typeof parsed),
);
measure("evaluate (zod validation + decide)", 20_000, () => evaluate({ ...input, state: first.state }));
console.log(`\ngoal ≤ 20 µs per decision: ${core.toFixed(2)} µs, ${(20 / core).toFixed(1)}× under the goal`);

// The readable report: per fleet size, the pinned figures against the goals, the monthly cost by service
// next to Application Auto Scaling's alarms, and what the simulated hour saw.
import { vcpuShare } from "../../../src/lambda-sizing.ts";
import { PRICES_AS_OF } from "../pricing/prices.ts";
import type { BenchOutcome } from "../run/bench-run.ts";
import { checkGoals } from "./goals.ts";
import { onLambdaSeconds } from "./on-lambda.ts";

const usd = (value: number) => `$${value.toFixed(2)}`;
const ratio = (value: number, goal: number) =>
  goal === 0 ? (value === 0 ? "–" : "∞") : `${(value / goal).toFixed(2)}×`;

function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

export function humanReport(outcomes: readonly BenchOutcome[], machine: string): string {
  const goals = table(
    ["targets", "goal", "measured", "goal value", "÷ goal", "met"],
    outcomes.flatMap(({ line, ...rest }) =>
      checkGoals({ line, ...rest }).map((c) => [
        line.targets,
        c.name,
        c.value,
        c.goal,
        ratio(c.value, c.goal),
        c.met ? "yes" : "no",
      ]),
    ),
  );
  const calls = table(
    [
      "targets",
      "pass s",
      "CPU s",
      "MB (vCPU)",
      "≈ s on Lambda",
      "skipped",
      "DescribeServices",
      "GetMetricData (metrics)",
      "GetQueueAttributes",
      "UpdateService",
      "DynamoDB reads / writes",
      "RSS MB",
    ],
    outcomes.map(({ line: l, measured, memoryMb }) => [
      l.targets,
      l.tickSeconds,
      measured.cpuSeconds.toFixed(2),
      `${memoryMb} (${vcpuShare(memoryMb).toFixed(2)})`,
      onLambdaSeconds(measured, memoryMb).toFixed(1),
      l.skippedTargets,
      l.calls.describeServices,
      `${l.calls.getMetricData} (${l.calls.getMetricDataMetrics})`,
      l.calls.getQueueAttributes,
      l.calls.updateService,
      `${l.calls.dynamodbReads} / ${l.calls.dynamodbWrites}`,
      l.rssMb,
    ]),
  );
  const costs = table(
    [
      "targets",
      "CloudWatch (GetMetricData + alarms + custom metrics + logs)",
      "SQS",
      "DynamoDB",
      "Lambda",
      "EventBridge",
      "total",
      "AAS alarms",
      "÷ AAS",
    ],
    outcomes.map(({ line: l, baseline, cloudwatch }) => {
      const per = 1_000 / l.targets;
      const m = l.monthlyUsdPer1000Targets;
      const parts = [cloudwatch.getMetricData, cloudwatch.alarms, cloudwatch.customMetrics, cloudwatch.logs]
        .map((v) => usd(v * per))
        .join(" + ");
      const aas = baseline.monthlyUsdPer1000Targets.total;
      return [
        l.targets,
        `${usd(m.cloudwatch)} (${parts})`,
        usd(m.sqs),
        usd(m.dynamodb),
        usd(m.lambda),
        usd(m.eventbridge),
        usd(m.total),
        usd(aas),
        ratio(m.total, aas),
      ];
    }),
  );
  const hour = table(
    [
      "targets",
      "passes / invocation",
      "Lambda s / invocation",
      "late invocations",
      "skipped / pass",
      "UpdateService / pass (share)",
      "measured pass outcomes",
      "emulated AWS answer ms",
    ],
    outcomes.map(({ line: l, hour: h, measured }) => {
      const perPass = h.updateServices / Math.max(1, h.passes);
      const outcomes = Object.entries(measured.outcomes)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ");
      return [
        l.targets,
        (h.passes / (h.usage.hours * 60)).toFixed(2),
        h.invocationSeconds.toFixed(1),
        h.overruns,
        (h.skippedTargets / Math.max(1, h.passes)).toFixed(0),
        `${perPass.toFixed(0)} (${((100 * perPass) / l.targets).toFixed(1)} %)`,
        outcomes,
        measured.report.backendCpuMs.toFixed(0),
      ];
    }),
  );
  return [
    `# npm run bench:tick (${machine})`,
    "",
    "Measured pass (steady state, real waits of 20–50 ms per AWS call, the tick's real deadline, V8's heap bounded as the deployed tick's; \"≈ s on Lambda\" stretches its CPU time to the share of a vCPU Lambda gives the tick's memory, assuming no CPU work overlapped a wait):",
    "",
    calls,
    "",
    "Goals (10,000 targets ≤ 15 s, no target skipped, ≤ 512 MB, DescribeServices ≤ ⌈N/10⌉, ≤ $200 and below AAS's alarms):",
    "",
    goals,
    "",
    `Monthly cost per 1,000 targets, from a simulated hour of the tick (us-east-1 list prices as of ${PRICES_AS_OF}):`,
    "",
    costs,
    "",
    "The simulated hour:",
    "",
    hour,
  ].join("\n");
}

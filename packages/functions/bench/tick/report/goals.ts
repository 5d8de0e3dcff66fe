// Issue H's goals, checked by the benchmark (never by a timed test).
import type { BenchOutcome } from "../run/bench-run.ts";
import { onLambdaSeconds } from "./on-lambda.ts";

export const GOALS = {
  /** One pass over 10,000 targets fits a 15 s sub-tick. */
  tickSecondsAt10k: 15,
  skippedTargets: 0,
  rssMb: 512,
  /** DescribeServices per pass: one call per 10 services. */
  describeServicesPer: 10,
  monthlyUsdPer1000Targets: 200,
} as const;

export interface GoalCheck {
  name: string;
  value: number;
  goal: number;
  met: boolean;
}

export function checkGoals(outcome: BenchOutcome): GoalCheck[] {
  const { line, baseline } = outcome;
  const checks: GoalCheck[] = [
    {
      name: "skippedTargets",
      value: line.skippedTargets,
      goal: GOALS.skippedTargets,
      met: line.skippedTargets <= GOALS.skippedTargets,
    },
    { name: "rssMb", value: line.rssMb, goal: GOALS.rssMb, met: line.rssMb <= GOALS.rssMb },
  ];
  const describeGoal = Math.ceil(line.targets / GOALS.describeServicesPer);
  checks.push({
    name: "describeServices",
    value: line.calls.describeServices,
    goal: describeGoal,
    met: line.calls.describeServices <= describeGoal,
  });
  if (line.targets >= 10_000) {
    checks.push({
      name: "tickSeconds",
      value: line.tickSeconds,
      goal: GOALS.tickSecondsAt10k,
      met: line.tickSeconds <= GOALS.tickSecondsAt10k,
    });
    // The same pass on the tick's share of a vCPU: what a deployed tick of that memory would take.
    const onLambda = Math.round(onLambdaSeconds(outcome.measured, outcome.memoryMb) * 10) / 10;
    checks.push({
      name: `≈ s on Lambda at ${outcome.memoryMb} MB`,
      value: onLambda,
      goal: GOALS.tickSecondsAt10k,
      met: onLambda <= GOALS.tickSecondsAt10k,
    });
  }
  const total = line.monthlyUsdPer1000Targets.total;
  const cap = Math.min(GOALS.monthlyUsdPer1000Targets, baseline.monthlyUsdPer1000Targets.total);
  checks.push({
    name: "monthlyUsdPer1000Targets.total",
    value: total,
    goal: cap,
    met: total <= GOALS.monthlyUsdPer1000Targets && total < baseline.monthlyUsdPer1000Targets.total,
  });
  return checks;
}

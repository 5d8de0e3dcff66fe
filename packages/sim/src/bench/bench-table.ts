import { describeSloGoal, MAX_RELAUNCH_PCT, meetsSloGoal } from "./goals.ts";
import { markdownTable } from "./markdown-table.ts";
import type { BenchRow, ScenarioOutcome } from "./run-bench.ts";

const pct = (value: number) => `${value.toFixed(2)} %`;
const times = (value: number | null) => (value === null ? "–" : `${value.toFixed(2)}×`);
const seconds = (value: number) =>
  value >= 600 ? `${(value / 60).toFixed(1)} min` : `${value.toFixed(1)} s`;
const relaunched = (row: BenchRow) => `${row.relaunchesWithin3MinPct.toFixed(1)} %`;

/** Does `row` serve at least as many messages within the SLO as `other`, at no more cost? */
export function dominates(row: BenchRow, other: BenchRow): boolean {
  return row.withinSloPct >= other.withinSloPct && row.taskSeconds <= other.taskSeconds;
}

/** One scenario: each scaler's SLO and cost against the work (the floor), the fluid bound and each other. */
export function scenarioTable(outcome: ScenarioOutcome): string {
  const { rows, scenario } = outcome;
  const header = [
    "scaler",
    "within SLO",
    "÷ work",
    "task-hours",
    "p99 wait",
    "relaunched < 3 min",
    "÷ fluid bound",
    ...rows.map((r) => `÷ ${r.scaler}`),
    "actions",
    "bounds",
  ];
  const lines = rows.map((row) => [
    row.scaler,
    pct(row.withinSloPct),
    times(row.workRatio),
    (row.taskSeconds / 3600).toFixed(0),
    seconds(row.p99WaitS),
    relaunched(row),
    times(row.costRatio),
    ...rows.map((other) => (other === row ? "–" : times(row.taskSeconds / other.taskSeconds))),
    String(row.scalingActions),
    `${row.minCapacity}–${row.maxCapacity}`,
  ]);
  const work = (rows[0]?.workTaskSeconds ?? 0) / 3600;
  const fluid = outcome.fluidBoundTaskSeconds / 3600;
  const title = `### ${scenario.id}\n\n${scenario.why}. SLO: wait ≤ ${scenario.sloSeconds} s. Work ${work.toFixed(0)} task-hours (fluid bound ${fluid.toFixed(0)}); ${rows[0]?.messages.toLocaleString("en-US")} messages.\n`;
  return `${title}\n${markdownTable(header, lines)}`;
}

/** The goals per scenario (goals.ts) and dominance over each baseline. */
export function goalTable(outcomes: readonly ScenarioOutcome[], subject = "gantry"): string {
  const header = [
    "scenario",
    "SLO",
    "within SLO",
    "÷ work",
    "goal",
    "relaunched < 3 min (≤ 10 %)",
    "dominates",
  ];
  const lines = outcomes.map(({ scenario, rows }) => {
    const row = rows.find((r) => r.scaler === subject);
    if (!row) return [scenario.id, `${scenario.sloSeconds} s`, "–", "–", "–", "–", "–"];
    const others = rows.filter((r) => r !== row);
    const met = meetsSloGoal(row, scenario.sloSeconds) ? "met" : "missed";
    const relaunchMet = row.relaunchesWithin3MinPct <= MAX_RELAUNCH_PCT ? "met" : "missed";
    const beaten = others.map((o) => `${o.scaler} ${dominates(row, o) ? "yes" : "no"}`).join(", ");
    return [
      scenario.id,
      `${scenario.sloSeconds} s`,
      pct(row.withinSloPct),
      times(row.workRatio),
      `${describeSloGoal(scenario.sloSeconds)}: ${met}`,
      `${relaunched(row)}: ${relaunchMet}`,
      beaten,
    ];
  });
  return markdownTable(header, lines);
}

import type { BenchRow, ScenarioOutcome } from "./run-bench.ts";

const pct = (value: number) => `${value.toFixed(2)} %`;
const times = (value: number | null) => (value === null ? "–" : `${value.toFixed(2)}×`);
const seconds = (value: number) =>
  value >= 600 ? `${(value / 60).toFixed(1)} min` : `${value.toFixed(1)} s`;

/** Does `row` serve at least as many messages within the SLO as `other`, at no more cost? */
export function dominates(row: BenchRow, other: BenchRow): boolean {
  return row.withinSloPct >= other.withinSloPct && row.taskSeconds <= other.taskSeconds;
}

/** One scenario: each scaler's SLO, wait, cost against the fluid bound and against each other scaler. */
export function scenarioTable(outcome: ScenarioOutcome): string {
  const { rows, scenario } = outcome;
  const header = [
    "scaler",
    "within SLO",
    "p99 wait",
    "task-hours",
    "÷ fluid bound",
    ...rows.map((r) => `÷ ${r.scaler}`),
    "actions",
    "bounds",
  ];
  const lines = rows.map((row) => [
    row.scaler,
    pct(row.withinSloPct),
    seconds(row.p99WaitS),
    (row.taskSeconds / 3600).toFixed(0),
    times(row.costRatio),
    ...rows.map((other) => (other === row ? "–" : times(row.taskSeconds / other.taskSeconds))),
    String(row.scalingActions),
    `${row.minCapacity}–${row.maxCapacity}`,
  ]);
  const title = `### ${scenario.id}\n\n${scenario.why}. SLO: wait ≤ ${scenario.sloSeconds} s. Fluid bound ${(outcome.fluidBoundTaskSeconds / 3600).toFixed(0)} task-hours; ${rows[0]?.messages.toLocaleString("en-US")} messages.\n`;
  return `${title}\n${markdownTable(header, lines)}`;
}

/** The goal per scenario: ≥ 99.5 % within SLO at ≤ 1.25× the fluid bound, and dominance over each baseline. */
export function goalTable(outcomes: readonly ScenarioOutcome[], subject = "gantry"): string {
  const header = ["scenario", "within SLO", "÷ fluid bound", "goal (≥ 99.5 %, ≤ 1.25×)", "dominates"];
  const lines = outcomes.map(({ scenario, rows }) => {
    const row = rows.find((r) => r.scaler === subject);
    if (!row) return [scenario.id, "–", "–", "–", "–"];
    const others = rows.filter((r) => r !== row);
    const met = row.withinSloPct >= 99.5 && (row.costRatio ?? 0) <= 1.25;
    const beaten = others.map((o) => `${o.scaler} ${dominates(row, o) ? "yes" : "no"}`).join(", ");
    return [scenario.id, pct(row.withinSloPct), times(row.costRatio), met ? "met" : "missed", beaten];
  });
  return markdownTable(header, lines);
}

function markdownTable(header: readonly string[], lines: readonly (readonly string[])[]): string {
  const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [row(header), row(header.map(() => "---")), ...lines.map(row)].join("\n");
}

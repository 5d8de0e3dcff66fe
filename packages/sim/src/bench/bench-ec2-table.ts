// The EC2 benchmark's markdown: per scenario, each variant's means over the seeds, then each Gantry variant
// against ecs-cas summed over the seeds (one seed swings the capacity wait by ±20 %), judged against issue D's
// goal: capacity wait at least 50 % lower, instance-hours no higher.

import type { Ec2BenchRow } from "./bench-ec2.ts";
import { EC2_SCENARIOS, EC2_VARIANTS } from "./bench-ec2-scenarios.ts";

export interface Ec2Goal {
  readonly waitRatio: number;
  readonly hoursRatio: number;
  readonly met: boolean;
  /** Seeds on which the pair meets both halves of the goal on its own. */
  readonly seedsMet: number;
  readonly seeds: number;
}

const BASELINE = "ecs-cas";

/** `variant` against `baseline` on one scenario, summed over the seeds both ran. */
export function ec2Goal(
  rows: readonly Ec2BenchRow[],
  scenario: string,
  variant = "gantry",
  baseline = BASELINE,
): Ec2Goal {
  const of = (id: string) => rows.filter((r) => r.scenario === scenario && r.variant === id);
  const g = of(variant);
  const e = of(baseline);
  const seeds = g.map((r) => r.seed).filter((seed) => e.some((r) => r.seed === seed));
  const bySeed = seeds.map((seed) =>
    ratio(
      g.filter((r) => r.seed === seed),
      e.filter((r) => r.seed === seed),
    ),
  );
  const pick = (list: readonly Ec2BenchRow[]) => list.filter((r) => seeds.includes(r.seed));
  return { ...ratio(pick(g), pick(e)), seedsMet: bySeed.filter((r) => r.met).length, seeds: seeds.length };
}

function ratio(g: readonly Ec2BenchRow[], e: readonly Ec2BenchRow[]) {
  if (g.length === 0 || e.length === 0) return { waitRatio: Number.NaN, hoursRatio: Number.NaN, met: false };
  const eWait = sum(e, (r) => r.capacityWaitTaskSeconds);
  const waitRatio = eWait > 0 ? sum(g, (r) => r.capacityWaitTaskSeconds) / eWait : 1;
  const hoursRatio = sum(g, (r) => r.instanceHours) / sum(e, (r) => r.instanceHours);
  return { waitRatio, hoursRatio, met: waitRatio <= 0.5 && hoursRatio <= 1 };
}

export function ec2Markdown(rows: readonly Ec2BenchRow[], header: string): string {
  const variants = EC2_VARIANTS.filter((v) => rows.some((r) => r.variant === v.id));
  const seeds = [...new Set(rows.map((r) => r.seed))].sort((a, b) => a - b);
  const sections = EC2_SCENARIOS.filter((s) => rows.some((r) => r.scenario === s.id)).map((scenario) =>
    scenarioSection(
      rows.filter((r) => r.scenario === scenario.id),
      scenario.id,
      scenario.services.map((s) => `- ${s.name}: ${s.why}`).join("\n"),
    ),
  );
  return [
    header,
    `Capacity stages (means over seeds ${seeds.join(", ")}):`,
    variants.map((v) => `- ${v.id}: ${v.why}`).join("\n"),
    ...sections,
  ].join("\n\n");
}

function scenarioSection(rows: readonly Ec2BenchRow[], scenario: string, services: string): string {
  const names = Object.keys(rows[0]?.withinSloPct ?? {});
  const ids = [...new Set(rows.map((r) => r.variant))];
  const head = [
    "capacity",
    "capacity wait (task-s)",
    "instance-hours",
    "max pending",
    "peak instances",
    ...names.map((n) => `${n} within SLO (worst seed)`),
    "task-hours",
  ];
  const lines = ids.map((id) => {
    const runs = rows.filter((r) => r.variant === id);
    return [
      id,
      mean(runs, (r) => r.capacityWaitTaskSeconds).toFixed(0),
      mean(runs, (r) => r.instanceHours).toFixed(1),
      `${max(runs, (r) => r.pendingTaskMaxS).toFixed(0)} s`,
      String(max(runs, (r) => r.peakInstances)),
      ...names.map((n) => `${Math.min(...runs.map((r) => r.withinSloPct[n] ?? 0)).toFixed(2)} %`),
      mean(runs, (r) => r.taskHours).toFixed(1),
    ];
  });
  const verdicts = ids
    .filter((id) => id !== BASELINE && rows.some((r) => r.variant === BASELINE))
    .map((id) => `- ${verdict(ec2Goal(rows, scenario, id), id)}`);
  return [`## ${scenario}`, services, table(head, lines), verdicts.join("\n")].join("\n\n");
}

function verdict(goal: Ec2Goal, id: string): string {
  return (
    `${id} ÷ ${BASELINE}: capacity wait ${goal.waitRatio.toFixed(2)}× (${change(goal.waitRatio)}), ` +
    `instance-hours ${goal.hoursRatio.toFixed(3)}×: goal ${goal.met ? "**met**" : "not met"} ` +
    `(${goal.seedsMet} of ${goal.seeds} seeds on their own)`
  );
}

function sum(rows: readonly Ec2BenchRow[], f: (r: Ec2BenchRow) => number): number {
  return rows.reduce((n, r) => n + f(r), 0);
}

function mean(rows: readonly Ec2BenchRow[], f: (r: Ec2BenchRow) => number): number {
  return rows.length > 0 ? sum(rows, f) / rows.length : Number.NaN;
}

function max(rows: readonly Ec2BenchRow[], f: (r: Ec2BenchRow) => number): number {
  return rows.reduce((m, r) => Math.max(m, f(r)), 0);
}

function change(ratio: number): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  return ratio <= 1 ? `${pct(1 - ratio)} less` : `${pct(ratio - 1)} more`;
}

function table(header: readonly string[], lines: readonly (readonly string[])[]): string {
  const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [row(header), row(header.map(() => "---")), ...lines.map(row)].join("\n");
}

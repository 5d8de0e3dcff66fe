// The EC2 benchmark's markdown: one row per capacity scaler, then the goal of issue D.
import { EC2_SCENARIO, type Ec2BenchRow } from "./bench-ec2.ts";

/** Gantry against ecs-cas: capacity wait at least 50 % lower, instance-hours no higher. */
export function ec2Goal(rows: readonly Ec2BenchRow[]): {
  waitRatio: number;
  hoursRatio: number;
  met: boolean;
} {
  const g = rows.find((r) => r.capacity === "gantry");
  const e = rows.find((r) => r.capacity === "ecs-cas");
  if (!g || !e) return { waitRatio: Number.NaN, hoursRatio: Number.NaN, met: false };
  const waitRatio = e.capacityWaitTaskSeconds > 0 ? g.capacityWaitTaskSeconds / e.capacityWaitTaskSeconds : 1;
  const hoursRatio = g.instanceHours / e.instanceHours;
  return { waitRatio, hoursRatio, met: waitRatio <= 0.5 && hoursRatio <= 1 };
}

export function ec2Markdown(rows: readonly Ec2BenchRow[], header: string): string {
  const names = EC2_SCENARIO.map((s) => s.name);
  const head = [
    "capacity",
    "capacity wait (task-s)",
    "instance-hours",
    "max pending",
    "peak instances",
    ...names.map((n) => `${n} within SLO`),
    ...names.map((n) => `${n} p99 wait`),
    "task-hours",
  ];
  const lines = rows.map((r) => [
    r.capacity,
    r.capacityWaitTaskSeconds.toFixed(0),
    r.instanceHours.toFixed(1),
    `${r.pendingTaskMaxS.toFixed(0)} s`,
    String(r.peakInstances),
    ...names.map((n) => `${(r.withinSloPct[n] ?? 0).toFixed(2)} %`),
    ...names.map((n) => `${(r.p99WaitS[n] ?? 0).toFixed(1)} s`),
    r.taskHours.toFixed(1),
  ]);
  const goal = ec2Goal(rows);
  const verdict =
    `gantry ÷ ecs-cas: capacity wait ${goal.waitRatio.toFixed(2)}× (${pct(1 - goal.waitRatio)} less; goal ≥ 50 %), ` +
    `instance-hours ${goal.hoursRatio.toFixed(3)}× (goal ≤ 1): **${goal.met ? "met" : "not met"}**.`;
  const services = EC2_SCENARIO.map((s) => `- ${s.name}: ${s.why}`).join("\n");
  return [header, services, table(head, lines), verdict].join("\n\n");
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)} %`;
}

function table(header: readonly string[], lines: readonly (readonly string[])[]): string {
  const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [row(header), row(header.map(() => "---")), ...lines.map(row)].join("\n");
}

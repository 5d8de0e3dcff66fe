// `npm run test:faults` prints one block at the end: each scenario's counts and invariants, the totals, and the
// fault mix, all measured from the simulated account's own history.
import type { Reporter, TestModule } from "vitest/node";
import { INVARIANT_KEYS, type ScenarioFigures } from "./figures.ts";

const COLUMNS: [keyof ScenarioFigures, string][] = [
  ["invocations", "invoc"],
  ["failedInvocations", "failed"],
  ["stoppedInvocations", "stopped"],
  ["passes", "passes"],
  ["calls", "calls"],
  ["faultsInjected", "faults"],
  ["appliedChanges", "applied"],
  ["steps", "steps"],
  ["successfulActivities", "okActs"],
  ["phantomActivities", "phantom"],
  ["unknownOutcomes", "unknown"],
  ["conflictOutcomes", "conflict"],
  ["configWrites", "cfgPUT"],
];
const INVARIANT_LABELS: Record<(typeof INVARIANT_KEYS)[number], string> = {
  boundViolations: "bound violations",
  doubleSteps: "double steps",
  lostConfigWrites: "lost acknowledged config writes",
  lostActivityRecords: "lost activity records",
  otherTargetsAffected: "other targets affected",
  unconditionalWritesRefused: "writes without If-Match refused",
};

// biome-ignore lint/style/noDefaultExport: vitest loads a reporter given by path from its default export
export default class FiguresReporter implements Reporter {
  onTestRunEnd(modules: readonly TestModule[]): void {
    const figures = modules
      .flatMap((m) => [...m.children.allTests()].map((t) => t.meta().faultFigures))
      .filter((f): f is ScenarioFigures => f !== undefined)
      .sort((a, b) => a.scenario.localeCompare(b.scenario));
    if (figures.length > 0) process.stdout.write(`\n${formatBlock(figures)}\n`);
  }
}

function knownBugs(figures: readonly ScenarioFigures[]): string[] {
  const bugs = figures.filter((f) => f.knownBug);
  if (bugs.length === 0) return [];
  return ["Known bugs (it.fails):", ...bugs.map((f) => `  ${f.scenario}: ${f.knownBug}`)];
}

export function formatBlock(figures: readonly ScenarioFigures[]): string {
  const width = Math.max(8, ...figures.map((f) => f.scenario.length));
  const heads = [...COLUMNS.map(([, h]) => h), ...INVARIANT_KEYS.map((_, i) => `I${i + 1}`)];
  const row = (name: string, values: readonly (number | string)[]) =>
    `${name.padEnd(width)} ${values.map((v) => String(v).padStart(8)).join(" ")}`;
  const numbers = (f: ScenarioFigures) => [
    ...COLUMNS.map(([key]) => f[key] as number),
    ...INVARIANT_KEYS.map((key) => f[key]),
  ];
  const total = heads.map((_, i) => figures.reduce((sum, f) => sum + (numbers(f)[i] ?? 0), 0));
  const mix = new Map<string, number>();
  for (const f of figures)
    for (const [label, n] of Object.entries(f.mix)) mix.set(label, (mix.get(label) ?? 0) + n);
  const lines = [
    "── Fault suite: figures measured from the simulated account's own history ──",
    row("scenario", heads),
    ...figures.map((f) => row(f.scenario, numbers(f))),
    row("TOTAL", total),
    "Invariants (must all be 0; a count in a known-bug scenario is the bug, asserted with it.fails):",
    ...INVARIANT_KEYS.map((key, i) => {
      const all = figures.reduce((s, f) => s + f[key], 0);
      const known = figures.reduce((s, f) => s + (f.knownBug ? f[key] : 0), 0);
      const note = known > 0 ? `  (${known} in known-bug scenarios)` : "";
      return `  I${i + 1} ${INVARIANT_LABELS[key].padEnd(34)} ${String(all).padStart(4)}${note}`;
    }),
    ...knownBugs(figures),
    "Fault mix (injected faults by call, point and error):",
    ...[...mix].sort((a, b) => b[1] - a[1]).map(([label, n]) => `  ${String(n).padStart(6)}  ${label}`),
    "─".repeat(76),
  ];
  return lines.join("\n");
}

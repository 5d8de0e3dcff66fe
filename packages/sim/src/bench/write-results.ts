import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { plotSimulation } from "../report/plot-simulation.ts";
import type { TracePart } from "../traces/held-out.ts";
import { goalTable, scenarioTable } from "./bench-table.ts";
import { heldOutTable } from "./held-out-table.ts";
import type { ScenarioOutcome } from "./run-bench.ts";

/** The benchmark's markdown: the goal summary, tune against validate, then one table per scenario. */
export function benchMarkdown(outcomes: readonly ScenarioOutcome[], header: string): string {
  const part = outcomes[0]?.rows[0]?.part ?? "all";
  return [
    header,
    `## Goal (${PART_TITLES[part]})`,
    goalTable(outcomes),
    "## Held out: the tuning part against the validation part",
    heldOutTable(outcomes),
    `## Scenarios (${PART_TITLES[part]})`,
    ...outcomes.map(scenarioTable),
  ].join("\n\n");
}

const PART_TITLES: Readonly<Record<TracePart, string>> = {
  all: "whole traces",
  tune: "tuning parts",
  validate: "held-out validation parts",
};

/** Writes results.md, results.json and one SVG chart per scenario and scaler into `dir`. */
export function writeResults(dir: string, outcomes: readonly ScenarioOutcome[], header: string): string[] {
  const charts = join(dir, "charts");
  mkdirSync(charts, { recursive: true });
  const written = [join(dir, "results.md"), join(dir, "results.json")];
  writeFileSync(written[0] as string, `${benchMarkdown(outcomes, header)}\n`);
  const json = outcomes.map(({ scenario, description, fluidBoundTaskSeconds, rows }) => ({
    scenario,
    description,
    fluidBoundTaskSeconds,
    rows,
  }));
  writeFileSync(written[1] as string, `${JSON.stringify(json, null, 2)}\n`);
  for (const outcome of outcomes) {
    outcome.results.forEach((result) => {
      const file = join(charts, `${outcome.scenario.id}--${result.scaler}.svg`);
      writeFileSync(file, plotSimulation(result, { subtitle: outcome.description }));
      written.push(file);
    });
  }
  return written;
}

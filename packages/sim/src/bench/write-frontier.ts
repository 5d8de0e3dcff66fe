import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type FrontierSeries, plotFrontier } from "../report/plot-frontier.ts";
import {
  type FrontierCase,
  frontierCaseTable,
  frontierSummaryTable,
  groupCases,
  partPoints,
} from "./frontier-table.ts";
import { paretoFrontier, type TradeOff } from "./pareto.ts";
import type { FrontierPoint } from "./run-frontier.ts";

const xy = (p: TradeOff): [number, number] => [p.workRatio ?? Number.NaN, p.withinSloPct];

function chartSeries(c: FrontierCase, scalers: readonly string[]): FrontierSeries[] {
  return (["tune", "validate"] as const).flatMap((part) =>
    scalers.map((scaler) => {
      const points = partPoints(c, scaler, part).filter((p) => p.workRatio !== null);
      return { scaler, part, points: points.map(xy), frontier: paretoFrontier(points).map(xy) };
    }),
  );
}

/** The sweep's markdown: the summary, then every point per trace and SLO. */
export function frontierMarkdown(
  points: readonly FrontierPoint[],
  header: string,
  scalers: readonly string[],
): string {
  const cases = groupCases(points);
  const baselines = scalers.filter((s) => s !== "gantry");
  return [
    header,
    "## Summary",
    frontierSummaryTable(cases, baselines),
    "## Points",
    ...cases.map(frontierCaseTable),
  ].join("\n\n");
}

/** Writes frontier.md, frontier.json and one SVG per trace and SLO (frontier/<trace>--slo<N>.svg) into `dir`. */
export function writeFrontier(
  dir: string,
  points: readonly FrontierPoint[],
  context: { header: string; scalers: readonly string[]; describe: (scenarioId: string) => string },
): string[] {
  const charts = join(dir, "frontier");
  mkdirSync(charts, { recursive: true });
  const written = [join(dir, "frontier.md"), join(dir, "frontier.json")];
  writeFileSync(written[0] as string, `${frontierMarkdown(points, context.header, context.scalers)}\n`);
  writeFileSync(written[1] as string, `${JSON.stringify(points, null, 2)}\n`);
  for (const c of groupCases(points)) {
    const file = join(charts, `${c.scenarioId}--slo${c.sloSeconds}.svg`);
    const title = `${c.scenarioId}, SLO ${c.sloSeconds} s: within SLO against workRatio`;
    writeFileSync(file, plotFrontier(title, context.describe(c.scenarioId), chartSeries(c, context.scalers)));
    written.push(file);
  }
  return written;
}

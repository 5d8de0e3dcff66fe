import type { WindowFigures } from "../engine/score-window.ts";
import { meetsSloGoal } from "./goals.ts";
import { markdownTable } from "./markdown-table.ts";
import type { ScenarioOutcome } from "./run-bench.ts";

const figures = (part: WindowFigures) =>
  `${part.withinSloPct.toFixed(2)} % at ${part.workRatio === null ? "–" : `${part.workRatio.toFixed(2)}×`}`;

/**
 * Every scaler on the tuning part and on the held-out validation part of each trace: within SLO at workRatio,
 * relaunch share, and whether the part meets the SLO goal (goals.ts).
 */
export function heldOutTable(outcomes: readonly ScenarioOutcome[]): string {
  const header = [
    "scenario",
    "scaler",
    "tune",
    "validate",
    "relaunched (tune / validate)",
    "goal (tune / validate)",
  ];
  const lines = outcomes.flatMap(({ scenario, rows }) =>
    rows.map((row) => {
      const { tune, validate } = row.parts;
      const met = (part: WindowFigures) => (meetsSloGoal(part, scenario.sloSeconds) ? "met" : "missed");
      return [
        scenario.id,
        row.scaler,
        figures(tune),
        figures(validate),
        `${tune.relaunchesWithin3MinPct.toFixed(1)} % / ${validate.relaunchesWithin3MinPct.toFixed(1)} %`,
        `${met(tune)} / ${met(validate)}`,
      ];
    }),
  );
  return markdownTable(header, lines);
}

// The frontier sweep's markdown: per trace and SLO, whether Gantry's frontier dominates each baseline's on the
// tuning and on the held-out validation part, Gantry's setting chosen on the tuning part and how it does on
// the held-out part, then every point.
import type { WindowFigures } from "../engine/score-window.ts";
import { describeSloGoal, meetsSloGoal, sloGoal } from "./goals.ts";
import { markdownTable } from "./markdown-table.ts";
import { covers, frontierDominates, paretoFrontier } from "./pareto.ts";
import type { FrontierPoint } from "./run-frontier.ts";

export type ScoredPart = "tune" | "validate";

/** The points of one trace and SLO. */
export interface FrontierCase {
  readonly scenarioId: string;
  readonly sloSeconds: number;
  readonly points: readonly FrontierPoint[];
}

const figures = (f: WindowFigures) =>
  `${f.withinSloPct.toFixed(2)} % at ${f.workRatio === null ? "–" : `${f.workRatio.toFixed(2)}×`}`;

export function groupCases(points: readonly FrontierPoint[]): FrontierCase[] {
  const cases = new Map<string, FrontierCase>();
  for (const point of points) {
    const key = `${point.scenarioId}|${point.sloSeconds}`;
    const found = cases.get(key) ?? {
      scenarioId: point.scenarioId,
      sloSeconds: point.sloSeconds,
      points: [],
    };
    cases.set(key, { ...found, points: [...found.points, point] });
  }
  return [...cases.values()];
}

/** One scaler's figures on a part, as trade-off points carrying their setting. */
export function partPoints(c: FrontierCase, scaler: string, part: ScoredPart | "all") {
  return c.points.filter((p) => p.scaler === scaler).map((p) => ({ ...p[part], setting: p.setting }));
}

export function dominatesOn(
  c: FrontierCase,
  baseline: string,
  part: ScoredPart,
  subject = "gantry",
): boolean {
  return frontierDominates(paretoFrontier(partPoints(c, subject, part)), partPoints(c, baseline, part));
}

/** The baseline's points on a part that no point of the subject covers. */
export function uncoveredPoints(c: FrontierCase, baseline: string, part: ScoredPart, subject = "gantry") {
  const own = partPoints(c, subject, part);
  return partPoints(c, baseline, part).filter((b) => !own.some((a) => covers(a, b)));
}

/** "yes", or "no" with the baseline's uncovered points, e.g. `no (0.00 % at 1.01×)`. */
function verdict(c: FrontierCase, baseline: string, part: ScoredPart): string {
  const left = [...new Set(uncoveredPoints(c, baseline, part).map(figures))];
  if (left.length === 0) return "yes";
  const useful = uncoveredPoints(c, baseline, part).some((p) => p.withinSloPct >= USEFUL_WITHIN_SLO_PCT);
  return `no${useful ? "" : `, only under ${USEFUL_WITHIN_SLO_PCT} %`} (${left.join(", ")})`;
}

/**
 * Below this share of messages in time a setting serves no SLO; a baseline point there that Gantry does not
 * cover (KEDA with a huge queueLength: 0 % at 1.00×) still breaks strict dominance, and the table says so.
 */
export const USEFUL_WITHIN_SLO_PCT = 90;

/**
 * The setting a user would pick from the tuning part: the cheapest that meets the SLO goal there, else the
 * cheapest that keeps the goal's share in time (whatever it costs), else the one with the most messages in
 * time; and that setting's figures on both parts.
 */
export function chosenOnTune(c: FrontierCase, scaler = "gantry"): FrontierPoint | undefined {
  const own = c.points.filter((p) => p.scaler === scaler);
  const cost = (p: FrontierPoint) => p.tune.workRatio ?? Number.POSITIVE_INFINITY;
  const cheapest = (ps: FrontierPoint[]) => ps.reduce((a, b) => (cost(b) < cost(a) ? b : a));
  const meeting = own.filter((p) => meetsSloGoal(p.tune, c.sloSeconds));
  if (meeting.length > 0) return cheapest(meeting);
  const inTime = own.filter((p) => p.tune.withinSloPct >= sloGoal(c.sloSeconds).minWithinSloPct);
  if (inTime.length > 0) return cheapest(inTime);
  return own.reduce<FrontierPoint | undefined>(
    (a, b) => (a === undefined || b.tune.withinSloPct > a.tune.withinSloPct ? b : a),
    undefined,
  );
}

/** Per trace and SLO: dominance over each baseline (tune / validate) and Gantry's tuned setting held out. */
export function frontierSummaryTable(cases: readonly FrontierCase[], baselines: readonly string[]): string {
  const header = [
    "trace",
    "SLO",
    ...baselines.map((b) => `dominates ${b} (tune / validate)`),
    "gantry chosen on tune",
    "tune",
    "validate",
    "goal (validate)",
  ];
  const lines = cases.map((c) => {
    const chosen = chosenOnTune(c);
    return [
      c.scenarioId,
      `${c.sloSeconds} s`,
      ...baselines.map((b) => `${verdict(c, b, "tune")} / ${verdict(c, b, "validate")}`),
      chosen?.setting ?? "–",
      chosen ? figures(chosen.tune) : "–",
      chosen ? figures(chosen.validate) : "–",
      chosen
        ? `${describeSloGoal(c.sloSeconds)}: ${meetsSloGoal(chosen.validate, c.sloSeconds) ? "met" : "missed"}`
        : "–",
    ];
  });
  return markdownTable(header, lines);
}

/** Every point of one case, with a mark where it lies on its scaler's frontier of that part. */
export function frontierCaseTable(c: FrontierCase): string {
  const onFrontier = (p: FrontierPoint, part: ScoredPart) => {
    const frontier = paretoFrontier(partPoints(c, p.scaler, part));
    return frontier.some((f) => f.setting === p.setting) ? " ◆" : "";
  };
  const header = ["scaler", "setting", "tune", "validate", "relaunched < 3 min", "run"];
  const lines = c.points.map((p) => [
    p.scaler,
    p.setting,
    `${figures(p.tune)}${onFrontier(p, "tune")}`,
    `${figures(p.validate)}${onFrontier(p, "validate")}`,
    `${p.all.relaunchesWithin3MinPct.toFixed(1)} %`,
    `${p.runSeconds.toFixed(1)} s`,
  ]);
  return `### ${c.scenarioId}, SLO ${c.sloSeconds} s\n\n${markdownTable(header, lines)}`;
}

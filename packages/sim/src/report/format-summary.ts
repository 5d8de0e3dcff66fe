// The readable summary of one run (`gantry simulate` without --json): one labelled line per figure.
import type { SimulationReport } from "./simulation-report.ts";

export interface SummaryContext {
  /** What the data is, with its slice and scale (Trace.description); the name alone when absent. */
  readonly traceDescription?: string;
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** Seconds, to a precision that suits their size: 0.041 s, 3.2 s, 75 s, 19.1 min, 1.4 h. */
export function formatSeconds(seconds: number): string {
  if (seconds >= 3600) return `${(seconds / 3600).toFixed(1)} h`;
  if (seconds >= 600) return `${(seconds / 60).toFixed(1)} min`;
  if (seconds >= 60) return `${Math.round(seconds)} s`;
  return `${Number(seconds.toPrecision(2))} s`;
}

function formatPct(pct: number): string {
  return pct === 100 ? "100 %" : `${Math.min(pct, 99.99).toFixed(2)} %`;
}

function formatHours(taskSeconds: number): string {
  return taskSeconds / 3600 >= 100 ? integer.format(taskSeconds / 3600) : (taskSeconds / 3600).toFixed(2);
}

function formatFirstScaleOut(delay: number | null): string {
  return delay === null ? "none" : `${formatSeconds(delay)} after the first arrival`;
}

function formatLaunches(report: SimulationReport): string {
  const relaunched = `${integer.format(report.relaunchesWithin3Min)} (${report.relaunchesWithin3MinPct.toFixed(1)} %)`;
  return `${integer.format(report.launches)}; ${relaunched} replace a task stopped < 3 min before`;
}

/** The report as aligned `label  value` lines, ending with a newline. */
export function formatSummary(report: SimulationReport, context: SummaryContext = {}): string {
  const waits = [report.p50WaitS, report.p99WaitS, report.maxWaitS].map(formatSeconds).join(" / ");
  const rows: [string, string][] = [
    ["Scaler", report.scaler],
    ["Trace", context.traceDescription ? `${report.trace}: ${context.traceDescription}` : report.trace],
    ["Messages", integer.format(report.messages)],
    ["SLO", `wait ≤ ${formatSeconds(report.sloSeconds)}`],
    ["Within SLO", formatPct(report.withinSloPct)],
    ["Wait p50/p99/max", waits],
    ["Max backlog", `${integer.format(report.maxBacklog)} messages`],
    ["Task-hours", formatHours(report.taskSeconds)],
    ["Work", `${formatHours(report.workTaskSeconds)} task-hours (the floor: Σ processing time)`],
    ["Work ratio", report.workRatio === null ? "n/a (no work)" : `${report.workRatio.toFixed(2)}× the work`],
    ["Fluid bound", `${formatHours(report.fluidBoundTaskSeconds)} task-hours (per-minute whole tasks)`],
    [
      "Cost ratio",
      report.costRatio === null ? "n/a (no work)" : `${report.costRatio.toFixed(2)}× the fluid bound`,
    ],
    ["Scaling actions", integer.format(report.scalingActions)],
    ["First scale-out", formatFirstScaleOut(report.firstScaleOutDelayS)],
    ["Launches", formatLaunches(report)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.map(([label, value]) => `${label.padEnd(width)}${value}\n`).join("");
}

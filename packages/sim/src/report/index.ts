// Reports of simulation runs, shared by `gantry simulate` and the benchmark. The chart lives in
// plot-simulation.ts, imported on its own so that loading a report does not load ECharts.
export { formatSeconds, formatSummary, type SummaryContext } from "./format-summary.ts";
export {
  SIMULATION_REPORT_KEYS,
  type SimulationReport,
  toSimulationReport,
} from "./simulation-report.ts";

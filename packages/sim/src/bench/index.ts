export { benchBounds } from "./bench-bounds.ts";
export { dominates, goalTable, scenarioTable } from "./bench-table.ts";
export {
  BENCH_SCALERS,
  type BenchOptions,
  type BenchRow,
  runScenario,
  type ScenarioOutcome,
} from "./run-bench.ts";
export { type BenchScenario, SCENARIOS } from "./scenarios.ts";
export { benchMarkdown, writeResults } from "./write-results.ts";

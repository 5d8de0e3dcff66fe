export { benchBounds } from "./bench-bounds.ts";
export {
  EC2_INSTANCE,
  EC2_SCENARIO,
  EC2_TASK,
  type Ec2BenchRow,
  type Ec2ServiceScenario,
  runEc2Bench,
} from "./bench-ec2.ts";
export { ec2Goal, ec2Markdown } from "./bench-ec2-table.ts";
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

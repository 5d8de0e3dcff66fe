export { benchBounds } from "./bench-bounds.ts";
export { type Ec2BenchRow, runEc2Bench } from "./bench-ec2.ts";
export {
  EC2_INSTANCE,
  EC2_LAUNCH_SECONDS,
  EC2_SCENARIO,
  EC2_SCENARIOS,
  EC2_SEEDS,
  EC2_TASK,
  EC2_VARIANTS,
  type Ec2Scenario,
  type Ec2ServiceScenario,
  type Ec2Variant,
} from "./bench-ec2-scenarios.ts";
export { type Ec2Goal, ec2Goal, ec2Markdown } from "./bench-ec2-table.ts";
export { dominates, goalTable, scenarioTable } from "./bench-table.ts";
export { type PoolOptions, runFrontierTasks } from "./frontier-pool.ts";
export {
  FRONTIER_SCENARIOS,
  FRONTIER_SLOS,
  type FrontierScenario,
  GANTRY_TARGETS,
  KNOB_MULTIPLIERS,
  STEP_THRESHOLDS,
} from "./frontier-scenarios.ts";
export {
  chosenOnTune,
  dominatesOn,
  type FrontierCase,
  frontierCaseTable,
  frontierSummaryTable,
  groupCases,
  uncoveredPoints,
} from "./frontier-table.ts";
export { describeSloGoal, MAX_RELAUNCH_PCT, meetsSloGoal, type SloGoal, sloGoal } from "./goals.ts";
export { heldOutTable } from "./held-out-table.ts";
export { markdownTable } from "./markdown-table.ts";
export { covers, frontierDominates, paretoFrontier, type TradeOff } from "./pareto.ts";
export {
  BENCH_SCALERS,
  type BenchOptions,
  type BenchRow,
  partReport,
  runScenario,
  type ScenarioOutcome,
} from "./run-bench.ts";
export {
  type FrontierPoint,
  type FrontierTask,
  frontierPlan,
  knobSetting,
  knobsOf,
  loadScenario,
  runFrontierTask,
  scenarioLoader,
} from "./run-frontier.ts";
export { type BenchScenario, SCENARIOS } from "./scenarios.ts";
export { frontierMarkdown, writeFrontier } from "./write-frontier.ts";
export { benchMarkdown, writeResults } from "./write-results.ts";

// Backtests: a scaler steering one simulated service through a trace.
export {
  runSimulation,
  type SimulationOptions,
  type SimulationProgress,
  simulationSteps,
} from "./run-simulation.ts";
export { createScalerView } from "./scaler-view.ts";
export type { WindowFigures } from "./score-window.ts";
export type { RunParts, ScalingActionRecord, SimulationResult } from "./simulation-result.ts";

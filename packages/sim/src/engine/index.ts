// Backtests: a scaler steering one simulated service through a trace.
export {
  runSimulation,
  type SimulationOptions,
  type SimulationProgress,
  simulationSteps,
} from "./run-simulation.ts";
export { createScalerView } from "./scaler-view.ts";
export type { ScalingActionRecord, SimulationResult } from "./simulation-result.ts";

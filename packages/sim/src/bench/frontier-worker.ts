// A worker thread of the frontier sweep: runs the tasks it is sent, one at a time, and posts each point back.
import { parentPort, workerData } from "node:worker_threads";
import type { FrontierScenario } from "./frontier-scenarios.ts";
import { type FrontierTask, runFrontierTask, scenarioLoader } from "./run-frontier.ts";

const { tracesDir, scenarios } = workerData as { tracesDir: string; scenarios: FrontierScenario[] };
const load = scenarioLoader(scenarios, tracesDir);

parentPort?.on("message", (task: FrontierTask) => {
  try {
    parentPort?.postMessage({ point: runFrontierTask(task, load(task.scenarioId)) });
  } catch (error) {
    parentPort?.postMessage({
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});

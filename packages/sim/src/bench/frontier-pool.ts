// Runs the frontier sweep's tasks, in this thread (jobs ≤ 1) or on worker threads that each take the next
// task when done with one. Points come back in completion order; callers sort them.
import { Worker } from "node:worker_threads";
import type { FrontierScenario } from "./frontier-scenarios.ts";
import { type FrontierPoint, type FrontierTask, runFrontierTask, scenarioLoader } from "./run-frontier.ts";

export interface PoolOptions {
  readonly tracesDir: string;
  readonly scenarios: readonly FrontierScenario[];
  /** Worker threads; 1 runs in this thread. */
  readonly jobs: number;
  readonly onPoint?: (point: FrontierPoint) => void;
}

export async function runFrontierTasks(
  tasks: readonly FrontierTask[],
  options: PoolOptions,
): Promise<FrontierPoint[]> {
  if (options.jobs <= 1) return runHere(tasks, options);
  const queue = [...tasks];
  const points: FrontierPoint[] = [];
  const workers = Array.from(
    { length: Math.min(options.jobs, tasks.length) },
    () =>
      new Worker(new URL("./frontier-worker.ts", import.meta.url), {
        workerData: { tracesDir: options.tracesDir, scenarios: options.scenarios },
      }),
  );
  try {
    await Promise.all(workers.map((worker) => drain(worker, queue, points, options.onPoint)));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return points;
}

/** Feeds `worker` tasks from the shared queue until it is empty. */
function drain(
  worker: Worker,
  queue: FrontierTask[],
  points: FrontierPoint[],
  onPoint: PoolOptions["onPoint"],
): Promise<void> {
  return new Promise((resolve, reject) => {
    const next = () => {
      const task = queue.shift();
      if (task === undefined) resolve();
      else worker.postMessage(task);
    };
    worker.on("message", (message: { point?: FrontierPoint; error?: string }) => {
      if (message.error !== undefined || message.point === undefined) {
        reject(new Error(`frontier worker: ${message.error}`));
        return;
      }
      points.push(message.point);
      onPoint?.(message.point);
      next();
    });
    worker.on("error", reject);
    next();
  });
}

function runHere(tasks: readonly FrontierTask[], options: PoolOptions): FrontierPoint[] {
  const load = scenarioLoader(options.scenarios, options.tracesDir);
  return tasks.map((task) => {
    const point = runFrontierTask(task, load(task.scenarioId));
    options.onPoint?.(point);
    return point;
  });
}

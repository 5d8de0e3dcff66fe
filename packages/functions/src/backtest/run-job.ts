// Runs one stored backtest job: Pending → Running (progress in steps of 10 %, written while it runs) →
// Succeeded with the report, or Failed with the error in the API's error shape.
import { type BacktestJob, type Clock, GantryError, type JobError, type JobStore } from "@gantry/core";
import type { Observability } from "../observability.ts";
import type { BacktestInput } from "./backtest-input.ts";
import { isLost, LOST_RUN } from "./job-status.ts";
import { runBacktest } from "./run-backtest.ts";

export interface BacktestDeps {
  jobs: JobStore;
  clock: Clock;
}

/** Progress is written at most once per this fraction of the run (at most ten writes a job). */
export const PROGRESS_STEP = 0.1;

/**
 * Runs the job if it is still Pending (a retried or duplicate invocation leaves a started job alone). A Pending
 * job the API already shows as lost (its event came too late) is marked Failed instead of run.
 */
export async function runJob(
  deps: BacktestDeps & Observability,
  jobId: string,
): Promise<BacktestJob | undefined> {
  const job = await deps.jobs.get(jobId);
  if (!job) {
    deps.logger.warn("no such backtest job (expired or never created)", { jobId });
    return undefined;
  }
  deps.logger.appendKeys({ jobId, targetId: job.targetId });
  if (job.status !== "Pending") {
    deps.logger.warn("backtest job already started; not running it again", { status: job.status });
    return job;
  }
  if (isLost(job, deps.clock.now())) {
    return await deps.jobs.update(jobId, { status: "Failed", error: LOST_RUN }, deps.clock.now());
  }
  await deps.jobs.update(jobId, { status: "Running", progress: 0 }, deps.clock.now());
  try {
    const report = await runBacktest(job.input as BacktestInput, progressWriter(deps, jobId));
    return await deps.jobs.update(jobId, { status: "Succeeded", progress: 1, report }, deps.clock.now());
  } catch (error) {
    return await deps.jobs.update(
      jobId,
      { status: "Failed", error: jobError(deps, error) },
      deps.clock.now(),
    );
  }
}

/** Writes progress in steps of PROGRESS_STEP (the run waits for each write); a failed write is only logged. */
function progressWriter(deps: BacktestDeps & Observability, jobId: string) {
  let written = 0;
  return async (fraction: number): Promise<void> => {
    const step = Math.floor(fraction / PROGRESS_STEP) * PROGRESS_STEP;
    if (step < written + PROGRESS_STEP - 1e-9 || fraction >= 1) return;
    written = step;
    try {
      await deps.jobs.update(jobId, { progress: Number(step.toFixed(2)) }, deps.clock.now());
    } catch (error) {
      deps.logger.warn("could not record the backtest's progress", { error: error as Error });
    }
  };
}

/** Known errors keep their code and field (e.g. ValidationError on trace.csv); others are logged, not shown. */
function jobError(deps: Observability, error: unknown): JobError {
  if (error instanceof GantryError)
    return { code: error.code, message: error.message, field: error.field ?? null };
  deps.logger.error("backtest failed unexpectedly", error as Error);
  return {
    code: "InternalError",
    message: "the backtest failed unexpectedly; see the backtest function's logs",
    field: null,
  };
}

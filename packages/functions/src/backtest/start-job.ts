// Starting a backtest job: it is stored Pending, then the `backtest` function is invoked without waiting
// (Lambda Invoke, type Event; `gantry dev` in-process). An invoke that fails marks the job Failed with its reason,
// so no job waits for a run that never started; the caller still gets the error.
import type { Logger } from "@aws-lambda-powertools/logger";
import { type BacktestJob, type Clock, GantryError, type JobStore } from "@gantry/core";
import type { BacktestInput } from "./backtest-input.ts";

export interface JobStarterDeps {
  jobs: JobStore;
  /** Starts the `backtest` function on a stored job without waiting for it. */
  startBacktest: (jobId: string) => Promise<void>;
  clock: Clock;
  /** The random part of the job id. */
  randomId: () => string;
  logger: Logger;
}

export async function startJob(
  deps: JobStarterDeps,
  targetId: string,
  input: BacktestInput,
): Promise<BacktestJob> {
  const now = deps.clock.now();
  const id = `${now.toString(36)}-${deps.randomId()}`;
  const job: BacktestJob = {
    id,
    targetId,
    status: "Pending",
    progress: 0,
    createdAt: now,
    updatedAt: now,
    input,
  };
  await deps.jobs.create(job);
  try {
    await deps.startBacktest(id);
  } catch (error) {
    const failure = notStarted(error);
    await markFailed(deps, id, failure);
    throw failure;
  }
  deps.logger.info("backtest job started", { jobId: id });
  return job;
}

/**
 * Why the run did not start, as the API answers it: Throttled stays 429 (retry later); anything else is the
 * backtest function's failure, 502 UpstreamFailed (a missing function is not the client's 404).
 */
function notStarted(error: unknown): GantryError {
  if (error instanceof GantryError && error.code === "Throttled") return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new GantryError(
    "UpstreamFailed",
    `the backtest function could not be started: ${reason}`,
    undefined,
    {
      cause: error,
    },
  );
}

async function markFailed(deps: JobStarterDeps, id: string, failure: GantryError): Promise<void> {
  const error = { code: failure.code, message: failure.message, field: null };
  try {
    await deps.jobs.update(id, { status: "Failed", error }, deps.clock.now());
  } catch (writeError) {
    // The job then shows as lost once stale (job-status.ts): it never waits forever.
    deps.logger.error("could not mark the unstarted backtest job Failed", {
      jobId: id,
      error: writeError as Error,
    });
  }
}

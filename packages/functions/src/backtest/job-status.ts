// A job's status as the API shows it. The `backtest` function runs for 15 minutes at most and writes the job
// when it starts, as it progresses and when it ends: a job Pending or Running whose last write is older than
// that has lost its run (the invoke's event was dropped, or the function crashed, ran out of memory or time).
import type { BacktestJob, JobError } from "@gantry/core";

/** The backtest function's timeout (sst.config.ts), plus a minute's margin for the last write. */
export const JOB_STALE_MS = 16 * 60_000;

export const LOST_RUN: JobError = {
  code: "UpstreamFailed",
  message:
    "the backtest stopped reporting: its run was lost (the function crashed, or hit its 15-minute or memory limit); see the backtest function's logs",
  field: null,
};

/** Whether a job waiting for or in its run has not been written for longer than a run can last. */
export function isLost(job: BacktestJob, now: number): boolean {
  return (job.status === "Pending" || job.status === "Running") && now - job.updatedAt > JOB_STALE_MS;
}

/** The job as it stands at `now`: Failed (LOST_RUN) once lost, else as stored. */
export function currentJob(job: BacktestJob, now: number): BacktestJob {
  return isLost(job, now) ? { ...job, status: "Failed", error: LOST_RUN } : job;
}

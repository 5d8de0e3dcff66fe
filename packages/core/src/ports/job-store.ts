/** A backtest job's lifecycle: created Pending by the API, Running in the `backtest` function, then done. */
export type JobStatus = "Pending" | "Running" | "Succeeded" | "Failed";

export const JOB_STATUSES: readonly JobStatus[] = ["Pending", "Running", "Succeeded", "Failed"];

/** Why a job failed, in the API's error shape. */
export interface JobError {
  code: string;
  message: string;
  field: string | null;
}

/** A backtest job as stored: what to run (`input`, opaque to the store), its progress and its outcome. */
export interface BacktestJob {
  id: string;
  targetId: string;
  status: JobStatus;
  /** 0–1. */
  progress: number;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  input: unknown;
  report?: unknown;
  error?: JobError;
}

/** What a run may change on a job. */
export type JobUpdate = Partial<Pick<BacktestJob, "status" | "progress" | "report" | "error">>;

/** Jobs by id; they expire on their own (a TTL in DynamoDB). */
export interface JobStore {
  /** Throws ConflictError if the id exists. */
  create(job: BacktestJob): Promise<void>;
  get(id: string): Promise<BacktestJob | undefined>;
  /** Sets `updatedAt` to `now`; throws NotFoundError if the job is gone. */
  update(id: string, update: JobUpdate, now: number): Promise<BacktestJob>;
}

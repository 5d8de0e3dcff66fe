import { type BacktestJob, ConflictError, type JobStore, type JobUpdate, NotFoundError } from "@gantry/core";

/** Backtest jobs in memory (the local stack, tests): copies in and out, as a table would. */
export class MemoryJobStore implements JobStore {
  readonly #jobs = new Map<string, BacktestJob>();

  async create(job: BacktestJob): Promise<void> {
    if (this.#jobs.has(job.id)) throw new ConflictError(`job ${job.id} exists`);
    this.#jobs.set(job.id, structuredClone(job));
  }

  async get(id: string): Promise<BacktestJob | undefined> {
    const job = this.#jobs.get(id);
    return job && structuredClone(job);
  }

  async update(id: string, update: JobUpdate, now: number): Promise<BacktestJob> {
    const job = this.#jobs.get(id);
    if (!job) throw new NotFoundError(`no job ${id}`);
    const next = { ...job, ...structuredClone(update), updatedAt: now };
    this.#jobs.set(id, next);
    return structuredClone(next);
  }
}

import { type SeriesSample, type SeriesStore, samplesInRange } from "@gantry/core";

/** The series store in memory, for `gantry dev` and tests: the DynamoDB store's behaviour without the table. */
export class MemorySeriesStore implements SeriesStore {
  readonly #samples = new Map<string, SeriesSample[]>();
  /** Bucket writes made, as the DynamoDB store would make them (one per target and window flushed). */
  writes = 0;

  async appendSamples(targetId: string, _window: number, samples: readonly SeriesSample[]): Promise<void> {
    this.writes += 1;
    const kept = this.#samples.get(targetId) ?? [];
    kept.push(...samples.map((s) => ({ ...s })));
    this.#samples.set(targetId, kept);
  }

  async readSamples(targetId: string, { from, to }: { from: number; to: number }): Promise<SeriesSample[]> {
    return samplesInRange(this.#samples.get(targetId) ?? [], from, to).map((s) => ({ ...s }));
  }
}

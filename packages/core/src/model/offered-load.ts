import * as z from "zod";

/** The shortest interval between two samples of the offered load: the tick's sub-tick. */
export const LOAD_SAMPLE_MS = 15_000;
/** Samples kept at most: the longest window and hold (30 minutes each) at one sample per 15 s. */
export const MAX_LOAD_SAMPLES = 240;

/**
 * The offered-load floor's memory. `work` and `busy` are the queues as last sampled at `at` (task-seconds of work
 * queued or in flight, and tasks' worth of messages in flight); `samples` are the offered load between samples,
 * [end instant, tasks], oldest first. Kept only for targets with `startup.loadFloor`.
 */
export const OfferedLoadSchema = z.strictObject({
  at: z.number().int().nonnegative(),
  work: z.number().nonnegative(),
  busy: z.number().nonnegative(),
  samples: z.array(z.tuple([z.number().int().nonnegative(), z.number().nonnegative()])).max(MAX_LOAD_SAMPLES),
});

export type OfferedLoad = z.output<typeof OfferedLoadSchema>;

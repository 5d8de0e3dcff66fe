import * as z from "zod";

/** One bucket of the need history: 15 s, the tick's sub-tick. */
export const NEED_BUCKET_MS = 15_000;
/** An hour of buckets: enough idle gaps to judge reuse, small enough for the state item. */
export const NEED_BUCKETS = 240;

/**
 * The capacity the policies asked for (before behavior and bounds), the highest per bucket, oldest first; the
 * newest bucket starts at `at`. Kept only for targets with startup-aware scale-in.
 */
export const NeedHistorySchema = z.strictObject({
  at: z.number().int().nonnegative(),
  levels: z.array(z.number().int().nonnegative()).max(NEED_BUCKETS),
});

export type NeedHistory = z.output<typeof NeedHistorySchema>;

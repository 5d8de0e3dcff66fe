/**
 * The raw fire times of a schedule expression, before the schedule's [startTime, endTime] window is
 * applied. Times are epoch milliseconds and whole numbers.
 */
export interface Recurrence {
  /** Latest fire time t <= atOrBefore, or undefined. */
  latest(atOrBefore: number): number | undefined;
  /** Earliest fire time t > after, or undefined. */
  next(after: number): number | undefined;
}

/** Years AWS schedules can name (the cron year field allows 1970–2199). */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2199;

/** What one backtest may replay: CloudWatch keeps 1-minute data 15 days, and a run replays every message. */
export const MAX_TRACE_SECONDS = 14 * 86_400;
export const MAX_TRACE_MESSAGES = 2_000_000;

// What an operator does to targets through the API: versioned config writes (If-Match) and their edits, a
// desired count set by hand, the second stage's groups, live counts, a target's chart series and its queue's
// recorded history. Over the core's ports only; the API maps the errors to HTTP.
export {
  type CapacityGroupListing,
  listCapacityGroups,
  requireCapacityGroup,
} from "./capacity-listing.ts";
export {
  type CapacityPoint,
  type CapacitySeriesSource,
  capacityPoints,
  createCapacitySeriesSource,
} from "./capacity-series.ts";
export {
  hasItem,
  type NamedList,
  type SuspendFlags,
  setDryRun,
  setSuspended,
  upsertItem,
  withoutItem,
} from "./config-edits.ts";
export {
  type ConfigWriteDeps,
  expectedVersion,
  requireTarget,
  retryUnlessIfMatch,
  saveConfig,
  switchConfig,
  updateConfig,
  validateConfig,
} from "./config-writes.ts";
export { type LiveCounts, readLiveCounts } from "./live-counts.ts";
export {
  DEFAULT_HISTORY_MS,
  type HistoryWindow,
  historyWindow,
  MAX_TRACE_MESSAGES,
  MAX_TRACE_SECONDS,
  type RecordedTrace,
  readQueueHistory,
} from "./queue-history.ts";
export { createRecordedSeriesSource, recordedPoints } from "./recorded-series.ts";
export { METRIC_QUERY_ID, policyMetricQueries, sqsQuery } from "./series-queries.ts";
export {
  DEFAULT_SERIES_MS,
  MAX_SERIES_MS,
  MAX_SERIES_POINTS,
  type SeriesPoint,
  type SeriesRange,
  type SeriesSource,
  seriesRange,
} from "./series-source.ts";
export {
  type Clamp,
  clampDesired,
  type DesiredCountDeps,
  type DesiredCountResult,
  setDesiredCount,
} from "./set-desired-count.ts";
export { deleteTarget, readStoredTarget, replaceConfig, type StoredTarget } from "./stored-target.ts";

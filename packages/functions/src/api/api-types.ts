// The API's response bodies, inferred from the zod schemas its routes declare: the CLI and the dashboard type
// their calls with these, so no response shape is written twice. Types only: nothing here runs.
import type { z } from "zod";
import type {
  ActivityPageSchema,
  BacktestJobSchema,
  CapacityGroupSchema,
  CapacityListSchema,
  CapacitySeriesResponseSchema,
  DesiredCountResultSchema,
  ErrorBodySchema,
  RawTargetSchema,
  SeriesResponseSchema,
  TargetListSchema,
  TargetViewSchema,
} from "./api-schemas.ts";

export type TargetView = z.output<typeof TargetViewSchema>;
export type Counts = NonNullable<TargetView["counts"]>;
export type TargetList = z.output<typeof TargetListSchema>;
/** A stored target that no longer parses (`GET /targets` lists it apart from the items). */
export type TargetProblem = TargetList["problems"][number];
export type RawTarget = z.output<typeof RawTargetSchema>;
export type ActivityPage = z.output<typeof ActivityPageSchema>;
export type ActivityView = ActivityPage["items"][number];
export type CapacityGroup = z.output<typeof CapacityGroupSchema>;
export type CapacityList = z.output<typeof CapacityListSchema>;
export type DesiredCountResult = z.output<typeof DesiredCountResultSchema>;
export type SeriesResponse = z.output<typeof SeriesResponseSchema>;
export type SeriesPoint = SeriesResponse["points"][number];
export type CapacitySeriesResponse = z.output<typeof CapacitySeriesResponseSchema>;
export type ErrorBody = z.output<typeof ErrorBodySchema>;
export type BacktestJobView = z.output<typeof BacktestJobSchema>;

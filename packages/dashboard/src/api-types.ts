// The API's response shapes: inferred from the schemas its routes declare (functions/src/api/api-types.ts).
import type { TargetView } from "@gantry/functions/api-types";

export type {
  ActivityPage,
  ActivityView as Activity,
  CapacityGroup,
  CapacitySeriesResponse,
  SeriesPoint,
  SeriesResponse,
  TargetList,
  TargetView,
} from "@gantry/functions/api-types";

type Decision = NonNullable<TargetView["lastDecision"]>;
export type Reason = Decision["reasons"][number];
export type Policy = TargetView["config"]["policies"][number];
export type SuspendedState = TargetView["config"]["target"]["suspendedState"];

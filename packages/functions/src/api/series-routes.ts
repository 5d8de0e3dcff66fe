import { ValidationError } from "@gantry/core";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { z } from "zod";
import type { ApiEnv } from "./api-env.ts";
import { apiRoute } from "./api-route.ts";
import { SeriesQuerySchema, TargetParamsSchema } from "./api-schemas.ts";
import { json, Series } from "./components.ts";
import { ApiError } from "./http-errors.ts";
import type { SeriesRange } from "./series-source.ts";
import { requireTarget, targetIdOf } from "./target-writes.ts";

const HOUR_MS = 3_600_000;
export const DEFAULT_SERIES_MS = 3 * HOUR_MS;
/** CloudWatch keeps 1-minute data for 15 days. */
export const MAX_SERIES_MS = 14 * 24 * HOUR_MS;
/** At most this many points per series, so a chart stays light whatever the window. */
export const MAX_SERIES_POINTS = 1_440;

type SeriesQuery = z.output<typeof SeriesQuerySchema>;

/** The window from the query (default: the last 3 hours) and a period in whole minutes that fits the points. */
export function seriesRange(query: SeriesQuery, now: number): SeriesRange {
  const to = query.to ?? (query.from === undefined ? now : query.from + DEFAULT_SERIES_MS);
  const from = query.from ?? to - DEFAULT_SERIES_MS;
  if (!(from < to)) throw new ValidationError("must be before to", "from");
  if (to - from > MAX_SERIES_MS) throw new ValidationError("must be at most 14 days before to", "from");
  const minutes = Math.max(1, Math.ceil((to - from) / 60_000 / MAX_SERIES_POINTS));
  return { from, to, periodSeconds: minutes * 60 };
}

const getSeries = apiRoute({
  method: "get",
  path: "/targets/{cluster}/{service}/series",
  operationId: "getSeries",
  summary:
    "Desired and running tasks, the first policy's metric against its target, and the backlog over a window",
  request: { params: TargetParamsSchema, query: SeriesQuerySchema },
  extraErrors: [429, 501],
  responses: { 200: { description: "The series, oldest first", ...json(Series) } },
});

export const seriesRoutes = new OpenAPIHono<ApiEnv>().openapi(getSeries, async (c) => {
  const deps = c.var.deps;
  const range = seriesRange(c.req.valid("query"), deps.clock.now());
  if (!deps.series) throw new ApiError("NotConfigured", "this API has no series source");
  const record = await requireTarget(deps, targetIdOf(c.req.valid("param")));
  const targetId = record.config.target.id;
  const points = await deps.series(targetId, range);
  return c.json({ targetId, ...range, points }, 200);
});

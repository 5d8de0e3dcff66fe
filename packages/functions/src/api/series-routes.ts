import { formatServiceId, GantryError } from "@gantry/core";
import { requireTarget, seriesRange } from "@gantry/runtime/operator";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { ApiEnv } from "./api-env.ts";
import { apiRoute } from "./api-route.ts";
import { SeriesQuerySchema, TargetParamsSchema } from "./api-schemas.ts";
import { json, Series } from "./components.ts";

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

/** The window defaults to the last 3 hours (at most 14 days), in at most 1,440 points per series. */
export const seriesRoutes = new OpenAPIHono<ApiEnv>().openapi(getSeries, async (c) => {
  const deps = c.var.deps;
  const range = seriesRange(c.req.valid("query"), deps.clock.now());
  if (!deps.series) throw new GantryError("NotConfigured", "this API has no series source");
  const record = await requireTarget(deps, formatServiceId(c.req.valid("param")));
  const targetId = record.config.target.id;
  const points = await deps.series(targetId, range);
  return c.json({ targetId, ...range, points }, 200);
});

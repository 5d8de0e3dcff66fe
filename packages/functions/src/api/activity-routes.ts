import { formatServiceId } from "@gantry/core";
import { requireTarget } from "@gantry/runtime/operator";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { z } from "zod";
import type { ApiContext } from "./api-deps.ts";
import type { ApiEnv } from "./api-env.ts";
import { apiRoute } from "./api-route.ts";
import { ActivitiesQuerySchema, TargetParamsSchema } from "./api-schemas.ts";
import { ActivityPage, json } from "./components.ts";

const DEFAULT_PAGE = 50;

const listActivities = apiRoute({
  method: "get",
  path: "/targets/{cluster}/{service}/activities",
  operationId: "listActivities",
  summary: "A target's activities, newest first, paged",
  request: { params: TargetParamsSchema, query: ActivitiesQuerySchema },
  responses: { 200: { description: "One page", ...json(ActivityPage) } },
});

/** One page of an activity log (a target's, or a capacity group's `capacity/<name>`), as the routes answer it. */
export async function activityPage(
  deps: ApiContext,
  logId: string,
  query: z.output<typeof ActivitiesQuerySchema>,
) {
  const options = { limit: query.limit ?? DEFAULT_PAGE, ...(query.cursor && { cursor: query.cursor }) };
  const page = await deps.store.listActivities(logId, options);
  return page.cursor ? { items: page.items, nextCursor: page.cursor } : { items: page.items };
}

/** Newest first, as the store keeps them; `nextCursor` continues with older ones and is absent on the last page. */
export const activityRoutes = new OpenAPIHono<ApiEnv>().openapi(listActivities, async (c) => {
  const deps = c.var.deps;
  const record = await requireTarget(deps, formatServiceId(c.req.valid("param")));
  return c.json(await activityPage(deps, record.config.target.id, c.req.valid("query")), 200);
});

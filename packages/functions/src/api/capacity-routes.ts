// The second stage's groups: which targets share each Auto Scaling group or capacity provider, and what Gantry
// did to it. Its activities live in the same log as the services', under target id `capacity/<name>`.

import { GantryError } from "@gantry/core";
import { capacityTargetId } from "@gantry/runtime";
import { listCapacityGroups, requireCapacityGroup, seriesRange } from "@gantry/runtime/operator";
import { OpenAPIHono } from "@hono/zod-openapi";
import { activityPage } from "./activity-routes.ts";
import type { ApiEnv } from "./api-env.ts";
import { apiRoute } from "./api-route.ts";
import { ActivitiesQuerySchema, CapacityParamsSchema, SeriesQuerySchema } from "./api-schemas.ts";
import { ActivityPage, CapacityList, CapacitySeries, json } from "./components.ts";

const listCapacity = apiRoute({
  method: "get",
  path: "/capacity",
  operationId: "listCapacity",
  summary: "The groups the second stage sizes, with their targets and latest activity",
  responses: {
    200: { description: "Every group named by a target's capacity block", ...json(CapacityList) },
  },
});

const listCapacityActivities = apiRoute({
  method: "get",
  path: "/capacity/{name}/activities",
  operationId: "listCapacityActivities",
  summary: "A group's capacity activities, newest first, paged",
  request: { params: CapacityParamsSchema, query: ActivitiesQuerySchema },
  responses: { 200: { description: "One page", ...json(ActivityPage) } },
});

const getCapacitySeries = apiRoute({
  method: "get",
  path: "/capacity/{name}/series",
  operationId: "getCapacitySeries",
  summary:
    "A group's desired capacity and its instances in service, pending, draining and protected over a window",
  request: { params: CapacityParamsSchema, query: SeriesQuerySchema },
  extraErrors: [429, 501],
  responses: { 200: { description: "The series, oldest first", ...json(CapacitySeries) } },
});

export const capacityRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(listCapacity, async (c) => c.json({ items: await listCapacityGroups(c.var.deps.store) }, 200))
  .openapi(listCapacityActivities, async (c) => {
    const { name } = c.req.valid("param");
    await requireCapacityGroup(c.var.deps.store, name);
    return c.json(await activityPage(c.var.deps, capacityTargetId(name), c.req.valid("query")), 200);
  })
  .openapi(getCapacitySeries, async (c) => {
    const deps = c.var.deps;
    const { name } = c.req.valid("param");
    const range = seriesRange(c.req.valid("query"), deps.clock.now());
    if (!deps.capacitySeries)
      throw new GantryError("NotConfigured", "this API has no capacity series source");
    await requireCapacityGroup(deps.store, name);
    return c.json({ name, ...range, points: await deps.capacitySeries(name, range) }, 200);
  });

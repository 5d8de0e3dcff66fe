import type { z } from "zod";
import type { ApiContext } from "./api-deps.ts";
import {
  ActivitiesQuerySchema,
  ActivityPageSchema,
  type TargetParams,
  TargetParamsSchema,
} from "./api-schemas.ts";
import { defineRoute } from "./router.ts";
import { requireTarget, targetIdOf } from "./target-writes.ts";

const DEFAULT_PAGE = 50;

/** Newest first, as the store keeps them; `nextCursor` continues with older ones and is absent on the last page. */
const listActivities = defineRoute<TargetParams, z.output<typeof ActivitiesQuerySchema>>({
  method: "GET",
  path: "/targets/{cluster}/{service}/activities",
  operationId: "listActivities",
  summary: "A target's activities, newest first, paged",
  params: TargetParamsSchema,
  query: ActivitiesQuerySchema,
  responses: { 200: { description: "One page", schema: ActivityPageSchema } },
  async handle({ deps, params, query }) {
    const record = await requireTarget(deps, targetIdOf(params));
    return activityPage(deps, record.config.target.id, query);
  },
});

/** One page of an activity log (a target's, or a capacity group's `capacity/<name>`), as the routes answer it. */
export async function activityPage(
  deps: ApiContext,
  logId: string,
  query: z.output<typeof ActivitiesQuerySchema>,
) {
  const options = { limit: query.limit ?? DEFAULT_PAGE, ...(query.cursor && { cursor: query.cursor }) };
  const page = await deps.store.listActivities(logId, options);
  return {
    status: 200 as const,
    body: page.cursor ? { items: page.items, nextCursor: page.cursor } : { items: page.items },
  };
}

export const activityRoutes = [listActivities];

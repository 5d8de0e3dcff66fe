// The second stage's groups: which targets share each Auto Scaling group or capacity provider, and what Gantry
// did to it. Its activities live in the same log as the services', under target id `capacity/<name>`.
import { NotFoundError, type TargetConfig } from "@gantry/core";
import { capacityTargetId } from "@gantry/runtime";
import { OpenAPIHono } from "@hono/zod-openapi";
import { activityPage } from "./activity-routes.ts";
import type { ApiContext } from "./api-deps.ts";
import type { ApiEnv } from "./api-env.ts";
import { apiRoute } from "./api-route.ts";
import { ActivitiesQuerySchema, type CapacityGroup, CapacityParamsSchema } from "./api-schemas.ts";
import { ActivityPage, CapacityList, json } from "./components.ts";

/** How far back `GET /capacity` looks for the last scale-out or scale-in. */
const RECENT = 25;

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

async function capacityGroups(deps: ApiContext): Promise<CapacityGroup[]> {
  const groups = groupsOf((await deps.store.listTargets()).records.map((r) => r.config));
  const items: CapacityGroup[] = [];
  for (const group of groups) {
    const page = await deps.store.listActivities(capacityTargetId(group.name), { limit: RECENT });
    // Protection changes are activities too (action None); ops want the last launch or drain first.
    const scaling = page.items.find((a) => a.action !== "None");
    items.push({ ...group, lastActivity: scaling ?? page.items[0] ?? null });
  }
  return items;
}

/** The groups targets name, by name; the mode is the first target's (targets of one group agree on it). */
export function groupsOf(configs: readonly TargetConfig[]): Omit<CapacityGroup, "lastActivity">[] {
  const groups = new Map<string, Omit<CapacityGroup, "lastActivity">>();
  for (const config of configs) {
    const capacity = config.target.capacity;
    if (!capacity) continue;
    const group = groups.get(capacity.name) ?? { name: capacity.name, mode: capacity.mode, targetIds: [] };
    group.targetIds.push(config.target.id);
    groups.set(capacity.name, group);
  }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
}

async function requireGroup(deps: ApiContext, name: string): Promise<void> {
  const configs = (await deps.store.listTargets()).records.map((r) => r.config);
  if (!configs.some((c) => c.target.capacity?.name === name)) {
    throw new NotFoundError(`no target's capacity block names ${name}`);
  }
}

export const capacityRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(listCapacity, async (c) => c.json({ items: await capacityGroups(c.var.deps) }, 200))
  .openapi(listCapacityActivities, async (c) => {
    const { name } = c.req.valid("param");
    await requireGroup(c.var.deps, name);
    return c.json(await activityPage(c.var.deps, capacityTargetId(name), c.req.valid("query")), 200);
  });

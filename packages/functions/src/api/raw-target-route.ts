import { formatServiceId, NotFoundError } from "@gantry/core";
import type { RouteHandler } from "@hono/zod-openapi";
import type { ApiEnv } from "./api-env.ts";
import { apiRoute } from "./api-route.ts";
import { TargetParamsSchema } from "./api-schemas.ts";
import { json, RawTarget } from "./components.ts";

export const rawTargetRoute = apiRoute({
  method: "get",
  path: "/targets/{cluster}/{service}/raw",
  operationId: "getRawTarget",
  summary:
    "One target's stored item as raw JSON, whether it parses or not (to inspect and repair a corrupt one)",
  request: { params: TargetParamsSchema },
  responses: { 200: { description: "The stored item", ...json(RawTarget) } },
});

/** The stored item as is: how an operator sees what a corrupt target holds before PUT or DELETE repairs it. */
export const getRawTarget: RouteHandler<typeof rawTargetRoute, ApiEnv> = async (c) => {
  const targetId = formatServiceId(c.req.valid("param"));
  const raw = await c.var.deps.store.getRawTarget(targetId);
  if (!raw) throw new NotFoundError(`target ${targetId} does not exist`);
  return c.json({ id: raw.targetId, version: raw.version, item: raw.item }, 200);
};

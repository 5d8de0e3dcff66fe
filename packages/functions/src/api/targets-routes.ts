import { formatServiceId, ValidationError } from "@gantry/core";
import { deleteTarget, readLiveCounts, replaceConfig, requireTarget } from "@gantry/runtime/operator";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { ApiEnv } from "./api-env.ts";
import { apiRoute, IfMatchHeaders } from "./api-route.ts";
import { TargetParamsSchema } from "./api-schemas.ts";
import { json, TargetConfigBody, TargetList, TargetView } from "./components.ts";
import { getRawTarget, rawTargetRoute } from "./raw-target-route.ts";
import { etagHeader, toTargetView } from "./target-views.ts";

const TARGET_PATH = "/targets/{cluster}/{service}";
const ETAG = {
  ETag: { description: "The target's version, for If-Match", schema: { type: "string" as const } },
};

const listTargets = apiRoute({
  method: "get",
  path: "/targets",
  operationId: "listTargets",
  summary: "Every target with its counts (live from ECS when available), last decision and reasons",
  responses: { 200: { description: "The targets", ...json(TargetList) } },
});

const getTarget = apiRoute({
  method: "get",
  path: TARGET_PATH,
  operationId: "getTarget",
  summary: "One target with its counts, last decision and reasons (409 CorruptItem when it no longer parses)",
  request: { params: TargetParamsSchema },
  extraErrors: [409],
  responses: { 200: { description: "The target", ...json(TargetView), headers: ETAG } },
});

const putTarget = apiRoute({
  method: "put",
  path: TARGET_PATH,
  operationId: "putTarget",
  summary: "Create or replace a target's config; target.id must be service/{cluster}/{service}",
  request: {
    params: TargetParamsSchema,
    headers: IfMatchHeaders,
    body: { ...json(TargetConfigBody), required: true },
  },
  responses: {
    200: { description: "Replaced", ...json(TargetView), headers: ETAG },
    201: { description: "Created", ...json(TargetView), headers: ETAG },
  },
});

const deleteTargetRoute = apiRoute({
  method: "delete",
  path: TARGET_PATH,
  operationId: "deleteTarget",
  summary: "Stop managing a target (its ECS service is left as it is)",
  request: { params: TargetParamsSchema, headers: IfMatchHeaders },
  responses: { 204: { description: "Deleted" } },
});

export const targetRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(listTargets, async (c) => {
    const deps = c.var.deps;
    const { records, problems } = await deps.store.listTargets();
    const ids = records.map((r) => r.config.target.id);
    const live = await readLiveCounts(deps.ecs, ids, deps.clock.now(), deps.logger);
    return c.json(
      {
        items: records.map((record) => toTargetView(record, live)),
        stale: live.kind === "failed",
        ...(live.kind === "failed" && { staleReason: live.code }),
        problems: problems.map((p) => ({ id: p.targetId, code: "CorruptItem" as const, message: p.message })),
      },
      200,
    );
  })
  .openapi(getTarget, async (c) => {
    const deps = c.var.deps;
    const record = await requireTarget(deps, formatServiceId(c.req.valid("param")));
    const live = await readLiveCounts(deps.ecs, [record.config.target.id], deps.clock.now(), deps.logger);
    return c.json(toTargetView(record, live), 200, etagHeader(record.version));
  })
  .openapi(putTarget, async (c) => {
    const body = c.req.valid("json");
    const targetId = formatServiceId(c.req.valid("param"));
    if (body.target.id !== targetId) {
      throw new ValidationError(`must be ${targetId} to match the path, got ${body.target.id}`, "target.id");
    }
    const { record, created } = await replaceConfig(c.var.deps, body, c.req.valid("header")["If-Match"]);
    return c.json(toTargetView(record, { kind: "off" }), created ? 201 : 200, etagHeader(record.version));
  })
  .openapi(deleteTargetRoute, async (c) => {
    const targetId = formatServiceId(c.req.valid("param"));
    await deleteTarget(c.var.deps, targetId, c.req.valid("header")["If-Match"]);
    return c.body(null, 204);
  })
  .openapi(rawTargetRoute, getRawTarget);

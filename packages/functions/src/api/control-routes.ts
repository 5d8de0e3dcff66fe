// Operator switches on a target: suspend/resume per direction, dry run, and a manual desired count.
import { formatServiceId } from "@gantry/core";
import {
  requireTarget,
  setDesiredCount,
  setDryRun,
  setSuspended,
  switchConfig,
} from "@gantry/runtime/operator";
import { OpenAPIHono, type RouteHandler } from "@hono/zod-openapi";
import type { ApiEnv } from "./api-env.ts";
import { apiRoute, IfMatchHeaders } from "./api-route.ts";
import { TargetParamsSchema } from "./api-schemas.ts";
import {
  DesiredCountBody,
  DesiredCountResult,
  DryRunBody,
  json,
  SuspendBody,
  TargetView,
} from "./components.ts";
import { etagHeader, toTargetView } from "./target-views.ts";

const BASE = "/targets/{cluster}/{service}";
const VIEW = { 200: { description: "The target as it now stands", ...json(TargetView) } };

function suspendRoute(action: "suspend" | "resume") {
  return apiRoute({
    method: "post",
    path: `${BASE}/${action}`,
    operationId: `${action}Target`,
    summary: `${action === "suspend" ? "Suspend" : "Resume"} scaling per direction (the flags set to true)`,
    request: {
      params: TargetParamsSchema,
      headers: IfMatchHeaders,
      body: { ...json(SuspendBody), required: true },
    },
    responses: VIEW,
  });
}

const dryRun = apiRoute({
  method: "put",
  path: `${BASE}/dry-run`,
  operationId: "setDryRun",
  summary: "Switch dry run: decisions are recorded, not applied",
  request: {
    params: TargetParamsSchema,
    headers: IfMatchHeaders,
    body: { ...json(DryRunBody), required: true },
  },
  responses: VIEW,
});

const desiredCount = apiRoute({
  method: "post",
  path: `${BASE}/desired-count`,
  operationId: "setDesiredCount",
  summary: "Set the desired count by hand, clamped to [minCapacity, maxCapacity]; recorded as an activity",
  request: { params: TargetParamsSchema, body: { ...json(DesiredCountBody), required: true } },
  extraErrors: [429, 501, 502],
  responses: { 200: { description: "Applied", ...json(DesiredCountResult) } },
});

/** Sets the flags the body names to `value` (true: suspend, false: resume); a repeat writes nothing. */
function setSuspension(value: boolean): RouteHandler<ReturnType<typeof suspendRoute>, ApiEnv> {
  return async (c) => {
    const flags = c.req.valid("json");
    const record = await requireTarget(c.var.deps, formatServiceId(c.req.valid("param")));
    const ifMatch = c.req.valid("header")["If-Match"];
    const saved = await switchConfig(c.var.deps, ifMatch, record, (config) =>
      setSuspended(config, flags, value),
    );
    return c.json(toTargetView(saved, { kind: "off" }), 200, etagHeader(saved.version));
  };
}

export const controlRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(suspendRoute("suspend"), setSuspension(true))
  .openapi(suspendRoute("resume"), setSuspension(false))
  .openapi(dryRun, async (c) => {
    const { dryRun: value } = c.req.valid("json");
    const record = await requireTarget(c.var.deps, formatServiceId(c.req.valid("param")));
    const ifMatch = c.req.valid("header")["If-Match"];
    const saved = await switchConfig(c.var.deps, ifMatch, record, (config) => setDryRun(config, value));
    return c.json(toTargetView(saved, { kind: "off" }), 200, etagHeader(saved.version));
  })
  .openapi(desiredCount, async (c) => {
    const deps = c.var.deps;
    const record = await requireTarget(deps, formatServiceId(c.req.valid("param")));
    return c.json(await setDesiredCount(deps, record, c.req.valid("json").desiredCount), 200);
  });

// Operator switches on a target: suspend/resume per direction, dry run, and a manual desired count.
import type { TargetConfig, TargetRecord } from "@gantry/core";
import { OpenAPIHono, type RouteHandler } from "@hono/zod-openapi";
import type { ApiContext } from "./api-deps.ts";
import type { ApiEnv } from "./api-env.ts";
import { apiRoute, IfMatchHeaders } from "./api-route.ts";
import { type SuspendBody as SuspendFlags, type TargetParams, TargetParamsSchema } from "./api-schemas.ts";
import {
  DesiredCountBody,
  DesiredCountResult,
  DryRunBody,
  json,
  SuspendBody,
  TargetView,
} from "./components.ts";
import { setDesiredCount } from "./desired-count.ts";
import { etagHeader, toTargetView } from "./target-views.ts";
import { expectedVersion, requireTarget, targetIdOf, updateConfig } from "./target-writes.ts";

const BASE = "/targets/{cluster}/{service}";
const VIEW = { 200: { description: "The target as it now stands", ...json(TargetView) } };

/** Applies `change` unless it changes nothing (then no write and no new version: the call is idempotent). */
async function changeTarget(
  deps: ApiContext,
  ifMatch: number | undefined,
  params: TargetParams,
  change: (config: TargetConfig) => TargetConfig,
): Promise<TargetRecord> {
  const record = await requireTarget(deps, targetIdOf(params));
  expectedVersion(ifMatch, record);
  const changed = change(structuredClone(record.config));
  // The change, not its result, goes to updateConfig: a retry after a lost race re-applies it to the fresh config.
  return sameConfig(changed, record.config) ? record : await updateConfig(deps, ifMatch, record, change);
}

function sameConfig(a: TargetConfig, b: TargetConfig): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function setSuspended(config: TargetConfig, body: SuspendFlags, value: boolean): TargetConfig {
  const state = config.target.suspendedState;
  if (body.dynamicScalingIn) state.dynamicScalingInSuspended = value;
  if (body.dynamicScalingOut) state.dynamicScalingOutSuspended = value;
  if (body.scheduledScaling) state.scheduledScalingSuspended = value;
  return config;
}

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

/** Sets the flags the body names to `value` (true: suspend, false: resume). */
function setSuspension(value: boolean): RouteHandler<ReturnType<typeof suspendRoute>, ApiEnv> {
  return async (c) => {
    const body = c.req.valid("json");
    const ifMatch = c.req.valid("header")["If-Match"];
    const saved = await changeTarget(c.var.deps, ifMatch, c.req.valid("param"), (config) =>
      setSuspended(config, body, value),
    );
    return c.json(toTargetView(saved, { kind: "off" }), 200, etagHeader(saved.version));
  };
}

export const controlRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(suspendRoute("suspend"), setSuspension(true))
  .openapi(suspendRoute("resume"), setSuspension(false))
  .openapi(dryRun, async (c) => {
    const { dryRun: value } = c.req.valid("json");
    const ifMatch = c.req.valid("header")["If-Match"];
    const saved = await changeTarget(c.var.deps, ifMatch, c.req.valid("param"), (config) => {
      config.target.dryRun = value;
      return config;
    });
    return c.json(toTargetView(saved, { kind: "off" }), 200, etagHeader(saved.version));
  })
  .openapi(desiredCount, async (c) => {
    const deps = c.var.deps;
    const record = await requireTarget(deps, targetIdOf(c.req.valid("param")));
    return c.json(await setDesiredCount(deps, record, c.req.valid("json").desiredCount), 200);
  });

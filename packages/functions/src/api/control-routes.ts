// Operator switches on a target: suspend/resume per direction, dry run, and a manual desired count.
import type { TargetConfig, TargetRecord } from "@gantry/core";
import type { z } from "zod";
import type { ApiContext } from "./api-deps.ts";
import {
  DesiredCountBodySchema,
  DesiredCountResultSchema,
  DryRunBodySchema,
  type SuspendBody,
  SuspendBodySchema,
  type TargetParams,
  TargetParamsSchema,
  TargetViewSchema,
} from "./api-schemas.ts";
import { setDesiredCount } from "./desired-count.ts";
import type { ApiRequest } from "./request.ts";
import { type ApiResult, defineRoute } from "./router.ts";
import { etagHeader, toTargetView } from "./target-views.ts";
import { expectedVersion, requireTarget, targetIdOf, updateConfig } from "./target-writes.ts";

const BASE = "/targets/{cluster}/{service}";
const VIEW = { 200: { description: "The target as it now stands", schema: TargetViewSchema } };

/** Applies `change` unless it changes nothing (then no write and no new version: the call is idempotent). */
async function changeTarget(
  deps: ApiContext,
  request: ApiRequest,
  params: TargetParams,
  change: (config: TargetConfig) => TargetConfig,
): Promise<ApiResult> {
  const record = await requireTarget(deps, targetIdOf(params));
  expectedVersion(request, record);
  const changed = change(structuredClone(record.config));
  // The change, not its result, goes to updateConfig: a retry after a lost race re-applies it to the fresh config.
  const saved: TargetRecord = sameConfig(changed, record.config)
    ? record
    : await updateConfig(deps, request, record, change);
  return { status: 200, body: toTargetView(saved, { kind: "off" }), headers: etagHeader(saved.version) };
}

function sameConfig(a: TargetConfig, b: TargetConfig): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function setSuspended(config: TargetConfig, body: SuspendBody, value: boolean): TargetConfig {
  const state = config.target.suspendedState;
  if (body.dynamicScalingIn) state.dynamicScalingInSuspended = value;
  if (body.dynamicScalingOut) state.dynamicScalingOutSuspended = value;
  if (body.scheduledScaling) state.scheduledScalingSuspended = value;
  return config;
}

function suspendRoute(action: "suspend" | "resume") {
  return defineRoute<TargetParams, undefined, SuspendBody>({
    method: "POST",
    path: `${BASE}/${action}`,
    operationId: `${action}Target`,
    summary: `${action === "suspend" ? "Suspend" : "Resume"} scaling per direction (the flags set to true)`,
    params: TargetParamsSchema,
    body: SuspendBodySchema,
    conditional: true,
    responses: VIEW,
    handle: ({ deps, request, params, body }) =>
      changeTarget(deps, request, params, (config) => setSuspended(config, body, action === "suspend")),
  });
}

const dryRun = defineRoute<TargetParams, undefined, z.output<typeof DryRunBodySchema>>({
  method: "PUT",
  path: `${BASE}/dry-run`,
  operationId: "setDryRun",
  summary: "Switch dry run: decisions are recorded, not applied",
  params: TargetParamsSchema,
  body: DryRunBodySchema,
  conditional: true,
  responses: VIEW,
  handle: ({ deps, request, params, body }) =>
    changeTarget(deps, request, params, (config) => {
      config.target.dryRun = body.dryRun;
      return config;
    }),
});

const desiredCount = defineRoute<TargetParams, undefined, z.output<typeof DesiredCountBodySchema>>({
  method: "POST",
  path: `${BASE}/desired-count`,
  operationId: "setDesiredCount",
  summary: "Set the desired count by hand, clamped to [minCapacity, maxCapacity]; recorded as an activity",
  params: TargetParamsSchema,
  body: DesiredCountBodySchema,
  extraErrors: [429, 501, 502],
  responses: { 200: { description: "Applied", schema: DesiredCountResultSchema } },
  async handle({ deps, params, body }) {
    const record = await requireTarget(deps, targetIdOf(params));
    return { status: 200, body: await setDesiredCount(deps, record, body.desiredCount) };
  },
});

export const controlRoutes = [suspendRoute("suspend"), suspendRoute("resume"), dryRun, desiredCount];

import { TargetConfigSchema, ValidationError } from "@gantry/core";
import { TargetListSchema, TargetParamsSchema, TargetViewSchema } from "./api-schemas.ts";
import { getRawTarget } from "./raw-target-route.ts";
import { defineRoute } from "./router.ts";
import { deleteStoredTarget, ifMatchOf, readStoredTarget } from "./stored-target.ts";
import { etagHeader, readLiveCounts, toTargetView } from "./target-views.ts";
import { requireTarget, saveConfig, targetIdOf, validateConfig } from "./target-writes.ts";

const TARGET_PATH = "/targets/{cluster}/{service}";
const ETAG_DOC = { etag: "The target's version, for If-Match" };

const listTargets = defineRoute({
  method: "GET",
  path: "/targets",
  operationId: "listTargets",
  summary: "Every target with its counts (live from ECS when available), last decision and reasons",
  responses: { 200: { description: "The targets", schema: TargetListSchema } },
  async handle({ deps }) {
    const { records, problems: corrupt } = await deps.store.listTargets();
    const ids = records.map((r) => r.config.target.id);
    const live = await readLiveCounts(deps.ecs, ids, deps.clock.now(), deps.logger);
    const items = records.map((record) => toTargetView(record, live));
    const stale = live.kind === "failed";
    const problems = corrupt.map((p) => ({ id: p.targetId, code: "CorruptItem", message: p.message }));
    return {
      status: 200,
      body: { items, stale, ...(live.kind === "failed" && { staleReason: live.code }), problems },
    };
  },
});

const getTarget = defineRoute({
  method: "GET",
  path: TARGET_PATH,
  operationId: "getTarget",
  summary: "One target with its counts, last decision and reasons (409 CorruptItem when it no longer parses)",
  params: TargetParamsSchema,
  extraErrors: [409],
  responses: { 200: { description: "The target", schema: TargetViewSchema, headers: ETAG_DOC } },
  async handle({ deps, params }) {
    const record = await requireTarget(deps, targetIdOf(params));
    const live = await readLiveCounts(deps.ecs, [record.config.target.id], deps.clock.now(), deps.logger);
    return { status: 200, body: toTargetView(record, live), headers: etagHeader(record.version) };
  },
});

const putTarget = defineRoute({
  method: "PUT",
  path: TARGET_PATH,
  operationId: "putTarget",
  summary: "Create or replace a target's config; target.id must be service/{cluster}/{service}",
  params: TargetParamsSchema,
  body: TargetConfigSchema,
  conditional: true,
  responses: {
    200: { description: "Replaced", schema: TargetViewSchema, headers: ETAG_DOC },
    201: { description: "Created", schema: TargetViewSchema, headers: ETAG_DOC },
  },
  async handle({ deps, params, body, request }) {
    const targetId = targetIdOf(params);
    if (body.target.id !== targetId) {
      throw new ValidationError(`must be ${targetId} to match the path, got ${body.target.id}`, "target.id");
    }
    const config = validateConfig(body);
    const stored = await readStoredTarget(deps, targetId);
    // Without If-Match a PUT replaces whatever is there (last write wins), a corrupt item too; with it, only
    // that version.
    const previous = stored.kind === "record" ? stored.record : undefined;
    const record = await saveConfig(deps, config, ifMatchOf(request, stored), previous);
    const view = toTargetView(record, { kind: "off" });
    return { status: stored.kind === "absent" ? 201 : 200, body: view, headers: etagHeader(record.version) };
  },
});

const deleteTarget = defineRoute({
  method: "DELETE",
  path: TARGET_PATH,
  operationId: "deleteTarget",
  summary: "Stop managing a target (its ECS service is left as it is)",
  params: TargetParamsSchema,
  conditional: true,
  responses: { 204: { description: "Deleted" } },
  async handle({ deps, params, request }) {
    await deleteStoredTarget(deps, request, targetIdOf(params));
    return { status: 204 };
  },
});

export const targetRoutes = [listTargets, getTarget, putTarget, deleteTarget, getRawTarget];

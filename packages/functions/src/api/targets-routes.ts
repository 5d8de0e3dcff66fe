import { TargetConfigSchema, ValidationError } from "@gantry/core";
import { TargetListSchema, TargetParamsSchema, TargetViewSchema } from "./api-schemas.ts";
import { defineRoute } from "./router.ts";
import { etagHeader, readLiveCounts, toTargetView } from "./target-views.ts";
import {
  expectedVersion,
  ifMatchVersion,
  requireTarget,
  saveConfig,
  targetIdOf,
  validateConfig,
  withFreshRecord,
} from "./target-writes.ts";

const TARGET_PATH = "/targets/{cluster}/{service}";
const ETAG_DOC = { etag: "The target's version, for If-Match" };

const listTargets = defineRoute({
  method: "GET",
  path: "/targets",
  operationId: "listTargets",
  summary: "Every target with its counts (live from ECS when available), last decision and reasons",
  responses: { 200: { description: "The targets", schema: TargetListSchema } },
  async handle({ deps }) {
    const records = await deps.store.listTargets();
    const ids = records.map((r) => r.config.target.id);
    const live = await readLiveCounts(deps.ecs, ids, deps.clock.now(), deps.logger);
    const items = records.map((record) => toTargetView(record, live));
    const stale = live.kind === "failed";
    return {
      status: 200,
      body: live.kind === "failed" ? { items, stale, staleReason: live.code } : { items, stale },
    };
  },
});

const getTarget = defineRoute({
  method: "GET",
  path: TARGET_PATH,
  operationId: "getTarget",
  summary: "One target with its counts, last decision and reasons",
  params: TargetParamsSchema,
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
    const current = await deps.store.getTarget(targetId);
    // Without If-Match a PUT replaces whatever is there (last write wins); with it, only that version.
    const version = ifMatchVersion(request) === undefined ? undefined : expectedVersion(request, current);
    const record = await saveConfig(deps, config, version, current);
    const view = toTargetView(record, { kind: "off" });
    return { status: current ? 200 : 201, body: view, headers: etagHeader(record.version) };
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
    await withFreshRecord(deps, request, targetIdOf(params), (record, version) =>
      deps.store.deleteTarget(record.config.target.id, version),
    );
    return { status: 204 };
  },
});

export const targetRoutes = [listTargets, getTarget, putTarget, deleteTarget];

// PUT and DELETE of one named item in a target's list (policies, scheduled actions): the path names it, the
// body's `name` must agree, and the whole resulting config is validated before the conditional write.
import { NotFoundError, type TargetConfig, ValidationError } from "@gantry/core";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { z } from "zod";
import type { ApiEnv } from "./api-env.ts";
import { apiRoute, IfMatchHeaders } from "./api-route.ts";
import { NamedParamsSchema } from "./api-schemas.ts";
import { json, TargetView } from "./components.ts";
import { etagHeader, toTargetView } from "./target-views.ts";
import { requireTarget, targetIdOf, updateConfig } from "./target-writes.ts";

type ListKey = "policies" | "scheduledActions";

export interface NamedItemOptions {
  list: ListKey;
  /** Path segment: `policies`, `scheduled-actions`. */
  segment: string;
  /** For operation ids and messages: `Policy`, `ScheduledAction`. */
  noun: string;
  schema: z.ZodType<{ name: string }>;
}

function namedItemPut({ segment, noun, schema }: NamedItemOptions) {
  return apiRoute({
    method: "put",
    path: `/targets/{cluster}/{service}/${segment}/{name}`,
    operationId: `put${noun}`,
    summary: `Create or replace one ${noun} by name (the body's name must equal the path's)`,
    request: {
      params: NamedParamsSchema,
      headers: IfMatchHeaders,
      body: { ...json(schema), required: true },
    },
    responses: {
      200: { description: "Replaced; the target as it now stands", ...json(TargetView) },
      201: { description: "Created; the target as it now stands", ...json(TargetView) },
    },
  });
}

function namedItemDelete({ segment, noun }: NamedItemOptions) {
  return apiRoute({
    method: "delete",
    path: `/targets/{cluster}/{service}/${segment}/{name}`,
    operationId: `delete${noun}`,
    summary: `Delete one ${noun} by name`,
    request: { params: NamedParamsSchema, headers: IfMatchHeaders },
    responses: { 204: { description: "Deleted" } },
  });
}

export function namedItemRoutes(options: NamedItemOptions) {
  const { list, noun } = options;
  return new OpenAPIHono<ApiEnv>()
    .openapi(namedItemPut(options), async (c) => {
      const params = c.req.valid("param");
      const body = c.req.valid("json");
      if (body.name !== params.name) {
        throw new ValidationError(`must be "${params.name}" to match the path, got "${body.name}"`, "name");
      }
      const deps = c.var.deps;
      const record = await requireTarget(deps, targetIdOf(params));
      const exists = itemsOf(record.config, list).some((item) => item.name === params.name);
      const ifMatch = c.req.valid("header")["If-Match"];
      const saved = await updateConfig(deps, ifMatch, record, (config) => upsert(config, list, body));
      const view = toTargetView(saved, { kind: "off" });
      return c.json(view, exists ? 200 : 201, etagHeader(saved.version));
    })
    .openapi(namedItemDelete(options), async (c) => {
      const params = c.req.valid("param");
      const deps = c.var.deps;
      const record = await requireTarget(deps, targetIdOf(params));
      if (!itemsOf(record.config, list).some((item) => item.name === params.name)) {
        throw new NotFoundError(`${record.config.target.id} has no ${noun} named "${params.name}"`, "name");
      }
      const ifMatch = c.req.valid("header")["If-Match"];
      const saved = await updateConfig(deps, ifMatch, record, (config) => without(config, list, params.name));
      return c.body(null, 204, etagHeader(saved.version));
    });
}

function itemsOf(config: TargetConfig, list: ListKey): readonly { name: string }[] {
  return config[list];
}

/** Replaces the item in place (order matters for reports) or appends it. */
function upsert(config: TargetConfig, list: ListKey, item: { name: string }): unknown {
  const items: { name: string }[] = [...itemsOf(config, list)];
  const index = items.findIndex((existing) => existing.name === item.name);
  if (index >= 0) items[index] = item;
  else items.push(item);
  return { ...config, [list]: items };
}

function without(config: TargetConfig, list: ListKey, name: string): unknown {
  return { ...config, [list]: itemsOf(config, list).filter((item) => item.name !== name) };
}

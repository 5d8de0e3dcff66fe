// PUT and DELETE of one named item in a target's list (policies, scheduled actions): the path names it, the
// body's `name` must agree, and the whole resulting config is validated before the conditional write.
import { formatServiceId, NotFoundError, ValidationError } from "@gantry/core";
import {
  hasItem,
  type NamedList,
  requireTarget,
  updateConfig,
  upsertItem,
  withoutItem,
} from "@gantry/runtime/operator";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { z } from "zod";
import type { ApiEnv } from "./api-env.ts";
import { apiRoute, IfMatchHeaders } from "./api-route.ts";
import { NamedParamsSchema } from "./api-schemas.ts";
import { json, TargetView } from "./components.ts";
import { etagHeader, toTargetView } from "./target-views.ts";

export interface NamedItemOptions {
  list: NamedList;
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
      const record = await requireTarget(c.var.deps, formatServiceId(params));
      const exists = hasItem(record.config, list, params.name);
      const ifMatch = c.req.valid("header")["If-Match"];
      const saved = await updateConfig(c.var.deps, ifMatch, record, (config) =>
        upsertItem(config, list, body),
      );
      return c.json(toTargetView(saved, { kind: "off" }), exists ? 200 : 201, etagHeader(saved.version));
    })
    .openapi(namedItemDelete(options), async (c) => {
      const params = c.req.valid("param");
      const record = await requireTarget(c.var.deps, formatServiceId(params));
      if (!hasItem(record.config, list, params.name)) {
        throw new NotFoundError(`${record.config.target.id} has no ${noun} named "${params.name}"`, "name");
      }
      const ifMatch = c.req.valid("header")["If-Match"];
      const remove = (config: Parameters<typeof withoutItem>[0]) => withoutItem(config, list, params.name);
      const saved = await updateConfig(c.var.deps, ifMatch, record, remove);
      return c.body(null, 204, etagHeader(saved.version));
    });
}

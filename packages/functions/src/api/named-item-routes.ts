// PUT and DELETE of one named item in a target's list (policies, scheduled actions): the path names it, the
// body's `name` must agree, and the whole resulting config is validated before the conditional write.
import { NotFoundError, type TargetConfig, ValidationError } from "@gantry/core";
import type { z } from "zod";
import { type NamedParams, NamedParamsSchema, TargetViewSchema } from "./api-schemas.ts";
import { defineRoute } from "./router.ts";
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

export function namedItemRoutes({ list, segment, noun, schema }: NamedItemOptions) {
  const path = `/targets/{cluster}/{service}/${segment}/{name}`;
  const put = defineRoute<NamedParams, undefined, { name: string }>({
    method: "PUT",
    path,
    operationId: `put${noun}`,
    summary: `Create or replace one ${noun} by name (the body's name must equal the path's)`,
    params: NamedParamsSchema,
    body: schema,
    conditional: true,
    responses: {
      200: { description: "Replaced; the target as it now stands", schema: TargetViewSchema },
      201: { description: "Created; the target as it now stands", schema: TargetViewSchema },
    },
    async handle({ deps, params, body, request }) {
      if (body.name !== params.name) {
        throw new ValidationError(`must be "${params.name}" to match the path, got "${body.name}"`, "name");
      }
      const record = await requireTarget(deps, targetIdOf(params));
      const exists = itemsOf(record.config, list).some((item) => item.name === params.name);
      const saved = await updateConfig(deps, request, record, (config) => upsert(config, list, body));
      const view = toTargetView(saved, { kind: "off" });
      return { status: exists ? 200 : 201, body: view, headers: etagHeader(saved.version) };
    },
  });
  const remove = defineRoute<NamedParams>({
    method: "DELETE",
    path,
    operationId: `delete${noun}`,
    summary: `Delete one ${noun} by name`,
    params: NamedParamsSchema,
    conditional: true,
    responses: { 204: { description: "Deleted" } },
    async handle({ deps, params, request }) {
      const record = await requireTarget(deps, targetIdOf(params));
      if (!itemsOf(record.config, list).some((item) => item.name === params.name)) {
        throw new NotFoundError(`${record.config.target.id} has no ${noun} named "${params.name}"`, "name");
      }
      const saved = await updateConfig(deps, request, record, (config) => without(config, list, params.name));
      return { status: 204, headers: etagHeader(saved.version) };
    },
  });
  return [put, remove];
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

import { NotFoundError } from "@gantry/core";
import { RawTargetSchema, type TargetParams, TargetParamsSchema } from "./api-schemas.ts";
import { defineRoute } from "./router.ts";
import { targetIdOf } from "./target-writes.ts";

/** The stored item as is: how an operator sees what a corrupt target holds before PUT or DELETE repairs it. */
export const getRawTarget = defineRoute<TargetParams>({
  method: "GET",
  path: "/targets/{cluster}/{service}/raw",
  operationId: "getRawTarget",
  summary:
    "One target's stored item as raw JSON, whether it parses or not (to inspect and repair a corrupt one)",
  params: TargetParamsSchema,
  responses: { 200: { description: "The stored item", schema: RawTargetSchema } },
  async handle({ deps, params }) {
    const targetId = targetIdOf(params);
    const raw = await deps.store.getRawTarget(targetId);
    if (!raw) throw new NotFoundError(`target ${targetId} does not exist`);
    return { status: 200, body: { id: raw.targetId, version: raw.version, item: raw.item } };
  },
});

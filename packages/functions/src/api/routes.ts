import { OpenAPIHono } from "@hono/zod-openapi";
import { activityRoutes } from "./activity-routes.ts";
import type { ApiEnv } from "./api-env.ts";
import { apiRoute } from "./api-route.ts";
import { capacityRoutes } from "./capacity-routes.ts";
import { json, OpenApiDocument } from "./components.ts";
import { controlRoutes } from "./control-routes.ts";
import { buildOpenApiDocument } from "./openapi.ts";
import { policyRoutes } from "./policy-routes.ts";
import { scheduledActionRoutes } from "./scheduled-action-routes.ts";
import { seriesRoutes } from "./series-routes.ts";
import { simulateRoutes } from "./simulate-routes.ts";
import { targetRoutes } from "./targets-routes.ts";
import { rethrowValidationError } from "./validation-hook.ts";

const openApiRoute = apiRoute({
  method: "get",
  path: "/openapi.json",
  operationId: "getOpenApiDocument",
  summary: "This document",
  responses: { 200: { description: "OpenAPI 3.1", ...json(OpenApiDocument) } },
});

let document: Record<string, unknown> | undefined;

/** Every route of the HTTP API: the public contract, and what the OpenAPI document lists. */
export const apiRoutes = new OpenAPIHono<ApiEnv>({ defaultHook: rethrowValidationError })
  .route("/", targetRoutes)
  .route("/", policyRoutes)
  .route("/", scheduledActionRoutes)
  .route("/", controlRoutes)
  .route("/", activityRoutes)
  .route("/", capacityRoutes)
  .route("/", seriesRoutes)
  .route("/", simulateRoutes)
  .openapi(openApiRoute, (c) => {
    document ??= buildOpenApiDocument(apiRoutes);
    return c.json(document as never, 200);
  });

export type ApiRoutes = typeof apiRoutes;

/** Method and path template of each route, in registration order (405's Allow lists them so). */
export const API_ROUTES: readonly { method: string; path: string }[] =
  apiRoutes.openAPIRegistry.definitions.flatMap((definition) =>
    definition.type === "route"
      ? [{ method: definition.route.method.toUpperCase(), path: definition.route.path }]
      : [],
  );

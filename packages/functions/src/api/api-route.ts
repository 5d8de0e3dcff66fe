// One route of the API as @hono/zod-openapi defines it, with what every route shares: the error responses its
// inputs can cause, If-Match on conditional writes, and the body framing (a JSON body, or none at all).
import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { ApiEnv } from "./api-env.ts";
import { ErrorSchema } from "./components.ts";
import { jsonBody, noBody } from "./request.ts";

export interface RouteExtras {
  /** Honours `If-Match: <version>` (409 Conflict when it does not match). */
  conditional?: boolean;
  /** Error statuses beyond those derived from the inputs (e.g. 502 for an upstream call). */
  extraErrors?: readonly number[];
}

const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: "Invalid input: ValidationError (field names the offending input), BadJson, BadRequest",
  404: "NotFound: no such target (or policy, scheduled action, ECS service)",
  409: "Conflict: If-Match does not match the target's version, or a concurrent write won; CorruptItem: the stored target no longer parses (GET …/raw shows it, PUT or DELETE repairs it)",
  413: "PayloadTooLarge: the body is over 256 KiB",
  415: "UnsupportedMediaType: the body is not application/json",
  429: "Throttled: retry with backoff",
  500: "InternalError: unexpected; logged with the request id",
  501: "NotConfigured: this deployment lacks the port the route needs",
  502: "UpstreamFailed: the AWS call failed",
};

const IfMatchHeaders = z.object({
  "If-Match": z.string().optional().openapi({
    description: 'The version to change (the ETag of a read, e.g. "3"); 0 = create only. Else 409 Conflict.',
    pattern: '^(W/)?"?\\d+"?$',
  }),
});

function errorStatuses(route: RouteConfig, extras: RouteExtras): number[] {
  const { params, query, body } = route.request ?? {};
  const statuses = new Set<number>([500, ...(extras.extraErrors ?? [])]);
  if (params || query || body) statuses.add(400);
  if (params) statuses.add(404);
  if (extras.conditional) statuses.add(409);
  if (body) {
    statuses.add(413);
    statuses.add(415);
  }
  return [...statuses].sort((a, b) => a - b);
}

function errorResponses(statuses: readonly number[]) {
  const content = { "application/json": { schema: ErrorSchema } };
  return Object.fromEntries(
    statuses.map((status) => [status, { description: ERROR_DESCRIPTIONS[status] ?? "Error", content }]),
  );
}

/** Names the operation in the request's log lines. */
function operation(operationId: string): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    c.var.deps.logger.appendKeys({ operation: operationId });
    await next();
  };
}

/** `createRoute` with the shared parts added; the handler is registered with `app.openapi(route, …)`. */
export function apiRoute<const R extends RouteConfig & { operationId: string }>(config: R & RouteExtras) {
  const { conditional, extraErrors, ...route } = config;
  const request = conditional ? { ...route.request, headers: IfMatchHeaders } : route.request;
  return createRoute({
    ...route,
    ...(request && { request }),
    middleware: [operation(route.operationId), route.request?.body ? jsonBody : noBody],
    responses: { ...errorResponses(errorStatuses(route, { conditional, extraErrors })), ...route.responses },
  } as unknown as R);
}

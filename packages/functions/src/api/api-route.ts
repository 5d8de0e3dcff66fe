// One route of the API as @hono/zod-openapi defines it, with what every route shares: the error responses its
// inputs can cause and the body framing (a JSON body, or none at all). Conditional writes declare IfMatchHeaders.
import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { ApiEnv } from "./api-env.ts";
import { ErrorSchema } from "./components.ts";
import { jsonBody, noBody } from "./request.ts";

export interface RouteExtras {
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

/** `If-Match: 3`, `"3"` or `W/"3"` → 3; 0 means "the target must not exist yet". Absent: last write wins. */
export const IfMatchHeaders = z.object({
  "If-Match": z
    .string()
    .regex(/^\s*(?:W\/)?"?\d{1,15}"?\s*$/, 'must be a version number such as "3"')
    .transform((header) => Number(/\d+/.exec(header)?.[0]))
    .optional()
    .openapi({
      description:
        'The version to change (the ETag of a read, e.g. "3"); 0 = create only. Else 409 Conflict.',
    }),
});

function errorStatuses(route: RouteConfig, extras: RouteExtras): number[] {
  const { params, query, body, headers } = route.request ?? {};
  const statuses = new Set<number>([500, ...(extras.extraErrors ?? [])]);
  if (params || query || body || headers) statuses.add(400);
  if (params) statuses.add(404);
  if (headers === IfMatchHeaders) statuses.add(409);
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
  const { extraErrors, ...route } = config;
  return createRoute({
    ...route,
    middleware: [operation(route.operationId), route.request?.body ? jsonBody : noBody],
    responses: { ...errorResponses(errorStatuses(route, { extraErrors })), ...route.responses },
  } as unknown as R);
}

// The HTTP API as one hono app: the same app answers API Gateway events in the Lambda (api.ts) and HTTP on the
// local server (gantry dev). Everything is validated (framing, path, query, body) before a handler runs, so a
// rejected request changes nothing. Known errors map to 4xx/5xx with {error: {code, message, field}}; anything
// else is logged once and answers 500 InternalError without its message or stack.
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Observability } from "../observability.ts";
import type { ApiContext } from "./api-deps.ts";
import type { ApiEnv } from "./api-env.ts";
import { errorBody, mapKnownError } from "./http-errors.ts";
import { checkUrl, limitBody } from "./request.ts";
import { API_ROUTES, apiRoutes } from "./routes.ts";
import { unmatchedRoute } from "./unmatched-route.ts";

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

export function buildApiApp(getDeps: () => ApiContext, { logger, metrics }: Observability) {
  const app = new OpenAPIHono<ApiEnv>({ strict: false });
  app.use(async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(JSON_HEADERS)) c.res.headers.set(name, value);
    metrics.addMetric(c.res.status >= 500 ? "ApiServerErrors" : "ApiRequests", MetricUnit.Count, 1);
  });
  app.use(async (c, next) => {
    c.set("deps", getDeps());
    // HEAD is not served: GET routes would answer it without a body.
    if (c.req.method === "HEAD") return unmatched(c);
    await next();
  });
  app.use(checkUrl, limitBody);
  app.notFound(unmatched);
  app.onError((error, c) => {
    const known = mapKnownError(error);
    if (known) return c.json(known.body, known.status as 400);
    logger.error("unexpected error in the API", error);
    const requestId = c.env?.event?.requestContext?.requestId;
    const message = `internal error${requestId ? ` (request ${requestId})` : ""}; see the logs`;
    return c.json(errorBody("InternalError", message), 500);
  });
  return app.route("/", apiRoutes);
}

/** 404 NoSuchRoute, or 405 MethodNotAllowed with Allow. */
function unmatched(c: Context<ApiEnv>): Response {
  const { error, allow } = unmatchedRoute(API_ROUTES, c.req.method, new URL(c.req.url).pathname);
  const body = errorBody(error.code, error.message, error.field);
  return allow ? c.json(body, 405, { allow }) : c.json(body, 404);
}

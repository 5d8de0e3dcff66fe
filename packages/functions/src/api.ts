import { randomBytes } from "node:crypto";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
// hono marks `hono/aws-lambda` deprecated in favour of `@hono/aws-lambda`, which is not on the npm registry yet
// (npm view: 404, December 2026): switch when it is published.
import { handle } from "hono/aws-lambda";
import { buildApiApp } from "./api/api-app.ts";
import type { ApiContext, ApiDeps } from "./api/api-deps.ts";
import { createApiDepsFromEnv } from "./api/api-deps-from-env.ts";
import { mapKnownError } from "./api/http-errors.ts";
import { normalizeEvent } from "./api/lambda-event.ts";
import { lazy } from "./lazy.ts";
import { withGantryMiddleware } from "./middleware.ts";
import type { Observability } from "./observability.ts";
import { createTracedObservability } from "./tracing.ts";

export type { SeriesPoint, SeriesRange, SeriesSource } from "@gantry/runtime/operator";
export type { ApiDeps } from "./api/api-deps.ts";
// The contract's body limit and error shape, for the local servers in front of the API (`gantry dev`, `gantry dashboard`).
export { errorBody } from "./api/http-errors.ts";
export { BODY_LIMIT_BYTES } from "./api/request.ts";

function complete(deps: ApiDeps): ApiContext {
  return {
    ...deps,
    ...createTracedObservability(deps),
    randomId: deps.randomId ?? (() => randomBytes(4).toString("hex")),
  };
}

/** The API as a hono app over injected dependencies: `gantry dev` serves it with @hono/node-server. */
export function createApiApp(deps: ApiDeps) {
  const context = complete(deps);
  return buildApiApp(() => context, context);
}

/** The HTTP API handler (API Gateway payload 2.0) over injected dependencies: tests, `gantry dev`. */
export function createApiHandler(deps: ApiDeps) {
  const context = complete(deps);
  return withGantryMiddleware(
    lambdaHandler(
      buildApiApp(() => context, context),
      context,
    ),
    context,
  );
}

/** hono's Lambda adapter behind the checks it would answer in plain text (see lambda-event.ts). */
function lambdaHandler(app: ReturnType<typeof buildApiApp>, { metrics }: Observability) {
  const run = handle(app);
  return async (
    event: APIGatewayProxyEventV2,
    context: Context,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    let normal: APIGatewayProxyEventV2;
    try {
      normal = normalizeEvent(event);
    } catch (error) {
      const known = mapKnownError(error);
      if (!known) throw error;
      metrics.addMetric("ApiRequests", "Count", 1);
      const headers = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };
      return { statusCode: known.status, headers, body: JSON.stringify(known.body) };
    }
    const answer = (await run(normal as never, context)) as APIGatewayProxyStructuredResultV2;
    const { body, isBase64Encoded: _, ...result } = answer;
    // No content is no body at all, as API Gateway passes it on.
    return body === "" ? result : { ...result, body };
  };
}

const observability = createTracedObservability();
const depsFromEnv = lazy(() =>
  complete({ ...createApiDepsFromEnv(process.env, observability.tracer), ...observability }),
);

/** Lambda entry point (`packages/functions/src/api.handler`); dependencies are built on first request. */
export const handler = withGantryMiddleware(
  lambdaHandler(buildApiApp(depsFromEnv, observability), observability),
  observability,
);

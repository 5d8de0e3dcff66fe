import { randomBytes } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { ApiContext, ApiDeps } from "./api/api-deps.ts";
import { createApiDepsFromEnv } from "./api/api-deps-from-env.ts";
import { dispatch } from "./api/dispatch.ts";
import { lazy } from "./lazy.ts";
import { withGantryMiddleware } from "./middleware.ts";
import { createObservability } from "./observability.ts";

export type { ApiDeps } from "./api/api-deps.ts";
export type { SeriesPoint, SeriesRange, SeriesSource } from "./api/series-source.ts";

function complete(deps: ApiDeps): ApiContext {
  return {
    ...deps,
    ...createObservability(deps),
    randomId: deps.randomId ?? (() => randomBytes(4).toString("hex")),
  };
}

/** The HTTP API handler (API Gateway payload 2.0) over injected dependencies: tests, `gantry dev`. */
export function createApiHandler(deps: ApiDeps) {
  const context = complete(deps);
  return withGantryMiddleware(
    (event: APIGatewayProxyEventV2) => dispatch(event, () => context, context),
    context,
  );
}

const observability = createObservability();
const depsFromEnv = lazy(() => complete({ ...createApiDepsFromEnv(process.env), ...observability }));

/** Lambda entry point (`packages/functions/src/api.handler`); dependencies are built on first request. */
export const handler = withGantryMiddleware(
  (event: APIGatewayProxyEventV2) => dispatch(event, depsFromEnv, observability),
  observability,
);

import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { parseWith, ValidationError } from "@gantry/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { Observability } from "../observability.ts";
import type { ApiContext } from "./api-deps.ts";
import { errorBody, mapKnownError } from "./http-errors.ts";
import { type ApiRequest, parseRequest, readJsonBody } from "./request.ts";
import { type ApiResult, createRouter, type Route } from "./router.ts";
import { API_ROUTES } from "./routes.ts";

const match = createRouter(API_ROUTES);
const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

/**
 * One request → one response; never throws. Everything is validated (path, query, body) before the handler
 * runs, so a rejected request changes nothing. Known errors map to 4xx/5xx with {error: {code, message, field}};
 * anything else is logged once and answers 500 InternalError without its message or stack.
 */
export async function dispatch(
  event: APIGatewayProxyEventV2,
  getDeps: () => ApiContext,
  { logger, metrics }: Observability,
): Promise<APIGatewayProxyStructuredResultV2> {
  let result: ApiResult;
  try {
    result = await run(getDeps(), event);
  } catch (error) {
    result = failure(error, logger, event?.requestContext?.requestId);
  }
  metrics.addMetric(result.status >= 500 ? "ApiServerErrors" : "ApiRequests", MetricUnit.Count, 1);
  return toResponse(result);
}

async function run(deps: ApiContext, event: APIGatewayProxyEventV2): Promise<ApiResult> {
  const request = parseRequest(event);
  const { route, params } = match(request.method, request.segments);
  deps.logger.appendKeys({ operation: route.operationId });
  return route.handle({
    params: route.params ? parseWith(route.params, params) : params,
    query: route.query ? parseWith(route.query, request.query) : request.query,
    body: readBody(route, request),
    request,
    deps,
  });
}

function readBody(route: Route, request: ApiRequest): unknown {
  if (route.body) return parseWith(route.body, readJsonBody(request));
  if (request.body !== undefined) throw new ValidationError("this route takes no body", "body");
  return undefined;
}

function failure(error: unknown, logger: Observability["logger"], requestId: string | undefined): ApiResult {
  const known = mapKnownError(error);
  if (known) return { status: known.status, body: known.body, headers: { ...known.headers } };
  logger.error("unexpected error in the API", error as Error);
  const message = `internal error${requestId ? ` (request ${requestId})` : ""}; see the logs`;
  return { status: 500, body: errorBody("InternalError", message) };
}

function toResponse(result: ApiResult): APIGatewayProxyStructuredResultV2 {
  const headers = { ...JSON_HEADERS, ...result.headers };
  if (result.body === undefined) return { statusCode: result.status, headers };
  return { statusCode: result.status, headers, body: JSON.stringify(result.body) };
}

import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { ApiContext } from "./api-deps.ts";

/** hono's environment for the API: the dependencies per request, and the API Gateway event on Lambda. */
export interface ApiEnv {
  Variables: { deps: ApiContext };
  Bindings: { event?: APIGatewayProxyEventV2 };
}

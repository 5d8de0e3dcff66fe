import { environment } from "./control-loop";
import { apiPermissions } from "./permissions";
import { table } from "./storage";

export const apiFunction = new sst.aws.Function("ApiHandler", {
  handler: "packages/functions/src/api.handler",
  runtime: "nodejs22.x",
  timeout: "29 seconds",
  memory: "512 MB",
  environment,
  permissions: apiPermissions(table.arn),
  logging: { retention: "1 month" },
});

// One Lambda routes every path itself (packages/functions/src/api/routes.ts), so the API has a single catch-all
// route; it requires SigV4 (IAM) like every Gantry route must. No browser calls it directly: the dashboard runs
// behind `gantry dashboard`, which signs its calls on the same origin, so CORS stays off (SST's default would
// allow every origin).
export const api = new sst.aws.ApiGatewayV2("Api", {
  cors: false,
  accessLog: { retention: "1 month" },
});

export const defaultRoute = api.route("$default", apiFunction.arn, { auth: { iam: true } });

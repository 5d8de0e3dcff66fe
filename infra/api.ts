import { environment } from "./control-loop";
import { apiPermissions, backtestPermissions } from "./permissions";
import { table } from "./storage";

// arm64 and minified like every function (see control-loop.ts).
// Runs the backtest jobs `POST …/simulate` starts (InvocationType Event): the only function that bundles the
// simulator. A failed run records Failed on its job, so Lambda's async retries would only find it started.
export const backtestFunction = new sst.aws.Function("Backtest", {
  handler: "packages/functions/src/backtest.handler",
  runtime: "nodejs22.x",
  architecture: "arm64",
  nodejs: { minify: true },
  timeout: "15 minutes",
  memory: "2048 MB",
  environment: { TABLE_NAME: environment.TABLE_NAME, GANTRY_STAGE: environment.GANTRY_STAGE },
  permissions: backtestPermissions(table.arn),
  logging: { retention: "1 month" },
  retries: 0,
});

export const apiFunction = new sst.aws.Function("ApiHandler", {
  handler: "packages/functions/src/api.handler",
  runtime: "nodejs22.x",
  architecture: "arm64",
  nodejs: { minify: true },
  timeout: "29 seconds",
  memory: "512 MB",
  environment: { ...environment, BACKTEST_FUNCTION_NAME: backtestFunction.name },
  permissions: apiPermissions(table.arn, backtestFunction.arn),
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

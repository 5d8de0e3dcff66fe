import { environment } from "./control-loop";
import { apiPermissions, backtestPermissions } from "./permissions";
import { activeTracing, powertoolsEnvironment, reservedConcurrency } from "./stage-settings";
import { table } from "./storage";

// arm64, minified and with the same esbuild plugins as every function (see control-loop.ts).
// Runs the backtest jobs `POST …/simulate` starts (InvocationType Event): the only function that bundles the
// simulator. A failed run records Failed on its job, so Lambda's async retries would only find it started.
export const backtestFunction = new sst.aws.Function("Backtest", {
  handler: "packages/functions/src/backtest.handler",
  runtime: "nodejs22.x",
  architecture: "arm64",
  nodejs: { minify: true, plugins: "infra/esbuild-plugins.mjs" },
  timeout: "15 minutes",
  memory: "2048 MB",
  environment: {
    TABLE_NAME: environment.TABLE_NAME,
    GANTRY_STAGE: environment.GANTRY_STAGE,
    ...powertoolsEnvironment("backtest"),
  },
  permissions: backtestPermissions(table.arn),
  logging: { retention: "1 month" },
  // Two jobs at once at most (2 GB for up to 15 min each): a script starting hundreds queues them in Lambda's
  // async queue instead of running up the bill.
  ...reservedConcurrency(2),
  retries: 0,
  transform: { function: activeTracing },
});

export const apiFunction = new sst.aws.Function("ApiHandler", {
  handler: "packages/functions/src/api.handler",
  runtime: "nodejs22.x",
  architecture: "arm64",
  nodejs: { minify: true, plugins: "infra/esbuild-plugins.mjs" },
  timeout: "29 seconds",
  memory: "512 MB",
  environment: {
    ...environment,
    ...powertoolsEnvironment("api"),
    BACKTEST_FUNCTION_NAME: backtestFunction.name,
  },
  permissions: apiPermissions(table.arn, backtestFunction.arn),
  logging: { retention: "1 month" },
  transform: { function: activeTracing },
});

// One Lambda routes every path itself (packages/functions/src/api/routes.ts); the API splits its routes by method
// only so that IAM can tell reads from writes (infra/access-policies.ts: GantryReadOnly may invoke GET and HEAD).
// Every route requires SigV4 (IAM). `$default` takes the other methods, which the app answers with 405 and Allow.
// No browser calls the API directly: the dashboard runs behind `gantry dashboard`, which signs its calls on the
// same origin, so CORS stays off (SST's default would allow every origin).
export const api = new sst.aws.ApiGatewayV2("Api", {
  cors: false,
  accessLog: { retention: "1 month" },
});

/** The methods that only read; `HEAD` is answered by the GET routes' handlers without a body. */
export const READ_METHODS = ["GET", "HEAD"] as const;
export const WRITE_METHODS = ["POST", "PUT", "DELETE"] as const;

export const routes = [...READ_METHODS, ...WRITE_METHODS].map((method) =>
  api.route(`${method} /{proxy+}`, apiFunction.arn, { auth: { iam: true } }),
);
export const defaultRoute = api.route("$default", apiFunction.arn, { auth: { iam: true } });

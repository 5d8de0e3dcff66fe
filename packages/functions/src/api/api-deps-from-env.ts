import { randomBytes } from "node:crypto";
import { createAwsClients, createDynamoStateStore, createEcsPort, createMetricsPort } from "@gantry/aws";
import { systemClock } from "../deps-from-env.ts";
import { readFunctionEnv } from "../function-env.ts";
import type { ApiDeps } from "./api-deps.ts";
import { createCloudWatchSeriesSource } from "./cloudwatch-series-source.ts";

/** The API's dependencies from the Lambda environment (TABLE_NAME, AWS_REGION). Throws EnvironmentError. */
export function createApiDepsFromEnv(env: NodeJS.ProcessEnv): ApiDeps {
  const settings = readFunctionEnv(env);
  const clients = createAwsClients(settings.region === undefined ? {} : { region: settings.region });
  const store = createDynamoStateStore({ client: clients.dynamoDb, tableName: settings.tableName });
  const metrics = createMetricsPort(clients.cloudWatch);
  return {
    store,
    ecs: createEcsPort(clients.ecs),
    series: createCloudWatchSeriesSource({ store, metrics }),
    metricData: metrics,
    clock: systemClock,
    randomId: () => randomBytes(4).toString("hex"),
  };
}

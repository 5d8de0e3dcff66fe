import { randomBytes } from "node:crypto";
import type { Tracer } from "@aws-lambda-powertools/tracer";
import {
  createBacktestStarter,
  createDynamoJobStore,
  createDynamoSeriesStore,
  createDynamoStateStore,
  createEcsPort,
  createMetricsPort,
  createOperatorClients,
} from "@gantry/aws";
import { createCapacitySeriesSource, createRecordedSeriesSource } from "@gantry/runtime/operator";
import { systemClock } from "../deps-from-env.ts";
import { readFunctionEnv } from "../function-env.ts";
import { traceClients } from "../traced-clients.ts";
import type { ApiDeps } from "./api-deps.ts";

/**
 * The API's dependencies from the Lambda environment (TABLE_NAME, AWS_REGION, and BACKTEST_FUNCTION_NAME: the
 * function `simulate` starts; without it `simulate` answers 501). Throws EnvironmentError.
 */
export function createApiDepsFromEnv(env: NodeJS.ProcessEnv, tracer?: Tracer): ApiDeps {
  const settings = readFunctionEnv(env);
  // Only the clients the routes call: the API's bundle carries no other SDK client (issue H: ≤ 1 MB).
  const untraced = createOperatorClients(regionOf(settings.region));
  const clients = tracer ? traceClients(untraced, tracer) : untraced;
  const store = createDynamoStateStore({ client: clients.dynamoDb, tableName: settings.tableName });
  const metrics = createMetricsPort(clients.cloudWatch);
  const samples = createDynamoSeriesStore({ client: clients.dynamoDb, tableName: settings.tableName });
  const backtestFunction = env.BACKTEST_FUNCTION_NAME?.trim();
  return {
    jobs: createDynamoJobStore({ client: clients.dynamoDb, tableName: settings.tableName }),
    ...(backtestFunction && {
      startBacktest: createBacktestStarter({ functionName: backtestFunction, ...regionOf(settings.region) }),
    }),
    store,
    ecs: createEcsPort(clients.ecs),
    series: createRecordedSeriesSource({ store, series: samples, metrics }),
    capacitySeries: createCapacitySeriesSource(samples),
    metricData: metrics,
    clock: systemClock,
    randomId: () => randomBytes(4).toString("hex"),
  };
}

function regionOf(region: string | undefined): { region?: string } {
  return region === undefined ? {} : { region };
}

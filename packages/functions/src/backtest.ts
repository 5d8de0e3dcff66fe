import { createAwsClients, createDynamoJobStore } from "@gantry/aws";
import type { BacktestJob } from "@gantry/core";
import * as z from "zod";
import { type BacktestDeps, runJob } from "./backtest/run-job.ts";
import { parseEvent } from "./bad-event-error.ts";
import { readFunctionEnv } from "./function-env.ts";
import { lazy } from "./lazy.ts";
import { withGantryMiddleware } from "./middleware.ts";
import type { Observability } from "./observability.ts";
import { traceClients } from "./traced-clients.ts";
import { createTracedObservability } from "./tracing.ts";

export type { BacktestEvent, BacktestInput } from "./backtest/backtest-input.ts";
export type { BacktestDeps } from "./backtest/run-job.ts";

/** What the API sends (Lambda `Invoke`, InvocationType Event; `gantry dev` in-process). */
const BacktestEventSchema = z.object({ jobId: z.string().min(1) });

async function backtest(
  deps: BacktestDeps & Observability,
  event: unknown,
): Promise<BacktestJob | undefined> {
  const { jobId } = parseEvent(BacktestEventSchema, event, "backtest");
  const job = await runJob(deps, jobId);
  if (job) deps.logger.info("backtest finished", { status: job.status, error: job.error });
  return job;
}

/** The backtest handler over injected dependencies (tests, `gantry dev`). */
export function createBacktestHandler(deps: BacktestDeps & Partial<Observability>) {
  const complete = { ...deps, ...createTracedObservability(deps) };
  return withGantryMiddleware((event: unknown) => backtest(complete, event), complete);
}

function depsFromEnv(env: NodeJS.ProcessEnv): BacktestDeps {
  const settings = readFunctionEnv(env);
  const region = settings.region === undefined ? {} : { region: settings.region };
  const clients = traceClients(createAwsClients(region), observability.tracer);
  return {
    jobs: createDynamoJobStore({ client: clients.dynamoDb, tableName: settings.tableName }),
    clock: { now: () => Date.now() },
  };
}

const observability = createTracedObservability();
const deps = lazy(() => ({ ...depsFromEnv(process.env), ...observability }));

/** Lambda entry point (`packages/functions/src/backtest.handler`); dependencies are built on first invocation. */
export const handler = withGantryMiddleware((event: unknown) => backtest(deps(), event), observability);

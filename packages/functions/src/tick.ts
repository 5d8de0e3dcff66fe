import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Context } from "aws-lambda";
import { createTickDepsFromEnv } from "./deps-from-env.ts";
import type { TickDeps } from "./handler-deps.ts";
import { invocationDeadline } from "./invocation-deadline.ts";
import { lazy } from "./lazy.ts";
import { withGantryMiddleware } from "./middleware.ts";
import { createObservability, type Observability } from "./observability.ts";
import { runSubTicks, type TickSummary } from "./sub-ticks.ts";
import { parseTickEvent } from "./tick-event.ts";

/** The tick handler over injected dependencies (tests, `gantry dev`). */
export function createTickHandler(deps: TickDeps) {
  const complete = { ...deps, ...createObservability(deps) };
  return withGantryMiddleware((event: unknown, context: Context) => tick(complete, event, context), complete);
}

/** Parse, run the sub-ticks until the deadline, report. */
async function tick(deps: TickDeps & Observability, event: unknown, context: Context): Promise<TickSummary> {
  const { id: eventId } = parseTickEvent(event);
  const startedAt = deps.clock.now();
  const deadline = invocationDeadline(deps.clock, context);
  const summary = await runSubTicks({ ...deps, startedAt, deadline });
  deps.metrics.addMetric("TickPasses", MetricUnit.Count, summary.passes);
  deps.logger.info("tick finished", { eventId, ...summary });
  return summary;
}

const observability = createObservability();
const depsFromEnv = lazy(() => ({ ...createTickDepsFromEnv(process.env, observability), ...observability }));

/** Lambda entry point (`packages/functions/src/tick.handler`); dependencies are built on first invocation. */
export const handler = withGantryMiddleware(
  (event: unknown, context: Context) => tick(depsFromEnv(), event, context),
  observability,
);

import { Tracer } from "@aws-lambda-powertools/tracer";
import { createObservability, type Observability, serviceNameOf } from "./observability.ts";

export type TracedObservability = Observability & { tracer: Tracer };

/**
 * Observability with a Tracer, for the handlers whose AWS calls are subsegments of their traces (alarm, api,
 * backtest). Not the tick: the X-Ray SDK tracks every promise of the process with async hooks (cls-hooked),
 * about a fifth of a pass's CPU at 2,000 targets (bench:tick), and a pass's thousands of calls make a trace no
 * one reads; Lambda's active tracing still records each tick invocation. Tracing follows
 * POWERTOOLS_TRACE_ENABLED (tests set it to false; outside Lambda the Tracer also disables itself).
 */
export function createTracedObservability(
  given: Partial<Observability> = {},
  env: NodeJS.ProcessEnv = process.env,
): TracedObservability {
  const tracer = given.tracer ?? new Tracer({ serviceName: serviceNameOf(env) });
  return { ...createObservability(given, env), tracer };
}

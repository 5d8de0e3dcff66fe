import type { Clock, EcsPort, JobStore, MetricsPort, StateStore } from "@gantry/core";
import type { CapacitySeriesSource, SeriesSource } from "@gantry/runtime/operator";
import type { Observability } from "../observability.ts";

/** What the API needs; ECS and the series source are optional so that a store alone serves the config routes. */
export interface ApiDeps extends Partial<Observability> {
  store: StateStore;
  /** Live counts for the target views and `desired-count`; without it views show the stored counts. */
  ecs?: EcsPort;
  /** Time series for charts; without it `series` answers 501 NotConfigured. */
  series?: SeriesSource;
  /** Capacity groups' instances over time; without it the capacity `series` answers 501 NotConfigured. */
  capacitySeries?: CapacitySeriesSource;
  /** Metrics for `simulate` on recorded history; without it that answers 501 NotConfigured. */
  metricData?: MetricsPort;
  /** Backtest jobs; without them and `startBacktest`, `simulate` answers 501 NotConfigured. */
  jobs?: JobStore;
  /** Starts the `backtest` function on a stored job without waiting for it (Lambda Invoke, type Event). */
  startBacktest?: (jobId: string) => Promise<void>;
  clock: Clock;
  /** The random part of activity ids (default: 8 hex digits). */
  randomId?: () => string;
}

/** The dependencies as route handlers see them: observability and randomId filled in. */
export type ApiContext = ApiDeps & Observability & { randomId: () => string };

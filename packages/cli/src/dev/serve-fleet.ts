// The real tick / alarm / API / backtest handlers over a simulated fleet's ports, the scheduler that moves
// simulated time, and the local HTTP server: what `gantry dev` runs, whatever the fleet.
import { existsSync } from "node:fs";
import { createAlarmHandler } from "@gantry/functions/alarm";
import { createApiApp } from "@gantry/functions/api";
import { createBacktestHandler } from "@gantry/functions/backtest";
import { createTickHandler } from "@gantry/functions/tick";
import { alarmTargets, createReconciler, type Reconciler, type ReconcileSummary } from "@gantry/runtime";
import {
  MemoryCapacityStore,
  MemoryJobStore,
  MemorySeriesStore,
  MemoryStateStore,
  RecordingEventsPort,
} from "@gantry/runtime/local-stack";
import { createCapacitySeriesSource, createRecordedSeriesSource } from "@gantry/runtime/operator";
import { createSimPorts } from "@gantry/sim";
import { DASHBOARD_DIST } from "../dashboard/dashboard-dist.ts";
import { startDevServer } from "./dev-server.ts";
import { localLambdaContext } from "./lambda-context.ts";
import { quietObservability } from "./quiet-observability.ts";
import { devMetricsPort, namedQueuePort, type SimFleet } from "./sim-fleet.ts";
import { SimScheduler } from "./sim-scheduler.ts";
import { createWakeAlarms } from "./wake-alarms.ts";

export interface ServeOptions {
  /** 0: any free port. */
  port: number;
  host?: string;
  /** Simulated seconds per real second; default 1. */
  speed?: number;
  /** Follow real time (default); false: time moves only through `step`. */
  realtime?: boolean;
  staticDir?: string;
  print: (line: string) => void;
  /** Called with every pass's summary (tick and alarm), for tests and tools that watch the loop. */
  onPass?: (summary: ReconcileSummary) => void;
}

export interface ServedFleet {
  url: string;
  /** Advances simulated time by `ms`, running the ticks due on the way. */
  step: (ms: number) => Promise<void>;
  stop: () => Promise<void>;
}

export async function serveFleet(fleet: SimFleet, options: ServeOptions): Promise<ServedFleet> {
  const { account } = fleet;
  const sim = createSimPorts(account);
  const store = new MemoryStateStore(sim.clock);
  for (const config of fleet.configs) await store.putConfig(config, 0);
  const metrics = devMetricsPort(sim.metrics);
  const deps = { store, ecs: sim.ecs, metrics, queues: namedQueuePort(account), clock: sim.clock };
  // Stage 2 sizes the EC2 groups in the same passes (tick and alarm) that set the services' counts.
  const capacity = fleet.capacityPort && {
    port: fleet.capacityPort(sim.clock),
    store: new MemoryCapacityStore(),
  };
  // The charts draw what the passes recorded, as in AWS (the API's series route reads these samples).
  const series = new MemorySeriesStore();
  const reconciler = watched(
    createReconciler({
      ...deps,
      ...(capacity ? { capacity } : {}),
      events: new RecordingEventsPort(),
      series,
      // Minute buckets: the local charts follow within a minute (in AWS, 5-minute buckets cost less).
      seriesWindowMs: 60_000,
    }),
    options.onPass,
  );
  const configs = async () => (await store.listTargets()).records.map((r) => r.config);
  const simContext = (remainingMs: number) => localLambdaContext({ remainingMs, now: sim.clock.now });
  const alarm = createAlarmHandler({
    ...quietObservability(),
    reconciler,
    clock: sim.clock,
    alarmTargets: async () => alarmTargets(await configs()),
  });
  const wake = createWakeAlarms(account, configs, (event) => alarm(event, simContext(20_000)));
  const tickObservability = quietObservability();
  let scheduler: SimScheduler | undefined;
  const tick = createTickHandler({
    ...tickObservability,
    reconciler,
    clock: sim.clock,
    sleep: (ms) => (scheduler as SimScheduler).sleep(ms),
    subTickSeconds: 15,
  });
  scheduler = new SimScheduler(account, {
    tick: () => tick({ id: `dev-${account.now()}` }, simContext(63_000)),
    afterTick: wake,
    onError: (error) =>
      options.print(`Gantry dev: ${error instanceof Error ? error.message : String(error)}`),
  });
  // Backtest jobs run as in Lambda: the backtest handler, started after the API answered 202.
  const jobs = new MemoryJobStore();
  const backtest = createBacktestHandler({ ...quietObservability(), jobs, clock: sim.clock });
  const startBacktest = async (jobId: string) => {
    setImmediate(() => {
      backtest({ jobId }, simContext(900_000)).catch((error: unknown) =>
        options.print(
          `Gantry dev: backtest ${jobId}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    });
  };
  const api = createApiApp({
    ...quietObservability(),
    store,
    jobs,
    startBacktest,
    ecs: sim.ecs,
    series: createRecordedSeriesSource({ store, series, metrics }),
    capacitySeries: createCapacitySeriesSource(series),
    metricData: metrics,
    clock: sim.clock,
  });
  const staticDir = options.staticDir ?? (existsSync(DASHBOARD_DIST) ? DASHBOARD_DIST : undefined);
  const server = await startDevServer({
    port: options.port,
    host: options.host ?? "127.0.0.1",
    api,
    staticDir,
  });
  if (options.realtime !== false) scheduler.start(options.speed ?? 1);
  const running = scheduler;
  return {
    url: server.url,
    step: (ms) => running.advanceBy(ms),
    stop: async () => {
      // Stopping ends the parked tick invocation with SchedulerStopped: expected, so not logged as a failure.
      tickObservability.logger.setLogLevel("SILENT");
      await running.stop();
      await server.close();
    },
  };
}

function watched(reconciler: Reconciler, onPass: ServeOptions["onPass"]): Reconciler {
  if (!onPass) return reconciler;
  return {
    reconcile: async (options) => {
      const summary = await reconciler.reconcile(options);
      onPass(summary);
      return summary;
    },
    ...(reconciler.flushSeries && { flushSeries: reconciler.flushSeries }),
  };
}

// `gantry dev` as a library: the demo account, the real tick / alarm / API handlers over its ports, the
// scheduler that moves simulated time, and the local HTTP server.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createAlarmHandler } from "@gantry/functions/alarm";
import { createApiApp } from "@gantry/functions/api";
import { createBacktestHandler } from "@gantry/functions/backtest";
import { createTickHandler } from "@gantry/functions/tick";
import { alarmTargets, createReconciler, type Reconciler, type ReconcileSummary } from "@gantry/runtime";
import {
  MemoryCapacityStore,
  MemoryJobStore,
  MemoryStateStore,
  RecordingEventsPort,
} from "@gantry/runtime/local-stack";
import { createSimPorts, type SimAccount } from "@gantry/sim";
import { DASHBOARD_DIST } from "../dashboard/dashboard-dist.ts";
import { createDemoCapacityPort } from "./demo-cluster.ts";
import { createDemoFleet, DEMO_CLUSTER, type DemoFleet } from "./demo-fleet.ts";
import { demoTraces } from "./demo-traces.ts";
import { startDevServer } from "./dev-server.ts";
import { localLambdaContext } from "./lambda-context.ts";
import { quietObservability } from "./quiet-observability.ts";
import { SimScheduler } from "./sim-scheduler.ts";
import { createSimSeriesSource } from "./sim-series-source.ts";
import { createWakeAlarms } from "./wake-alarms.ts";

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../../..");
/** The shared public traces, next to the repository. */
export const SHARED_TRACES_DIR = join(REPO_ROOT, "../shared/traces");

export interface DevOptions {
  /** 0: any free port. */
  port: number;
  host?: string;
  /** Simulated seconds per real second; default 1. */
  speed?: number;
  /** A folder of shared traces, or "synthetic"; default SHARED_TRACES_DIR (synthetic when missing). */
  traces?: string;
  /** Follow real time (default); false: time moves only through `step`. */
  realtime?: boolean;
  /** Simulated start, epoch ms; default now, on a minute boundary. */
  startMs?: number;
  staticDir?: string;
  /** Lines for the user (stdout by default). */
  print?: (line: string) => void;
  /** Called with every pass's summary (tick and alarm), for tests and tools that watch the loop. */
  onPass?: (summary: ReconcileSummary) => void;
}

export interface DevRuntime {
  url: string;
  account: SimAccount;
  fleet: DemoFleet;
  /** Advances simulated time by `ms`, running the ticks due on the way. */
  step: (ms: number) => Promise<void>;
  stop: () => Promise<void>;
}

export async function startDev(options: DevOptions): Promise<DevRuntime> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const tracesDir = options.traces === "synthetic" ? undefined : (options.traces ?? SHARED_TRACES_DIR);
  const traces = demoTraces(tracesDir);
  if (traces.source === "synthetic")
    print("Gantry dev: shared traces not found; using built-in synthetic traces");
  const startMs = options.startMs ?? Math.floor(Date.now() / 60_000) * 60_000;
  const fleet = createDemoFleet(traces, startMs);
  const { account } = fleet;
  const sim = createSimPorts(account);
  const store = new MemoryStateStore(sim.clock);
  for (const config of fleet.configs) await store.putConfig(config, 0);
  const deps = { store, ecs: sim.ecs, metrics: sim.metrics, queues: sim.queue, clock: sim.clock };
  // Stage 2 sizes the workers' Auto Scaling group in the same passes (tick and alarm) that set their counts.
  const capacity = {
    port: createDemoCapacityPort(fleet.cluster, DEMO_CLUSTER, sim.clock),
    store: new MemoryCapacityStore(),
  };
  const reconciler = watched(
    createReconciler({ ...deps, capacity, events: new RecordingEventsPort() }),
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
  let scheduler: SimScheduler | undefined;
  const tick = createTickHandler({
    ...quietObservability(),
    reconciler,
    clock: sim.clock,
    sleep: (ms) => (scheduler as SimScheduler).sleep(ms),
    subTickSeconds: 15,
  });
  scheduler = new SimScheduler(account, {
    tick: () => tick({ id: `dev-${account.now()}` }, simContext(63_000)),
    afterTick: wake,
    onError: (error) => print(`Gantry dev: ${error instanceof Error ? error.message : String(error)}`),
  });
  // Backtest jobs run as in Lambda: the backtest handler, started after the API answered 202.
  const jobs = new MemoryJobStore();
  const backtest = createBacktestHandler({ ...quietObservability(), jobs, clock: sim.clock });
  const startBacktest = async (jobId: string) => {
    setImmediate(() => {
      backtest({ jobId }, simContext(900_000)).catch((error: unknown) =>
        print(`Gantry dev: backtest ${jobId}: ${error instanceof Error ? error.message : String(error)}`),
      );
    });
  };
  const api = createApiApp({
    ...quietObservability(),
    store,
    jobs,
    startBacktest,
    ecs: sim.ecs,
    series: createSimSeriesSource(account, store),
    metricData: sim.metrics,
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
    account,
    fleet,
    step: (ms) => running.advanceBy(ms),
    stop: async () => {
      await running.stop();
      await server.close();
    },
  };
}

function watched(reconciler: Reconciler, onPass: DevOptions["onPass"]): Reconciler {
  if (!onPass) return reconciler;
  return {
    reconcile: async (options) => {
      const summary = await reconciler.reconcile(options);
      onPass(summary);
      return summary;
    },
  };
}

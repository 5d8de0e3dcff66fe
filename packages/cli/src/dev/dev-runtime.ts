// `gantry dev` as a library: a simulated fleet (the demo's, or the targets of the user's gantry.yaml) under the
// real handlers, served on 127.0.0.1 (serve-fleet.ts).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ReconcileSummary } from "@gantry/runtime";
import type { SimAccount } from "@gantry/sim";
import type { ConfigFleet } from "./config/config-fleet.ts";
import { readConfigFleet } from "./config/read-dev-config.ts";
import { createDemoFleet, type DemoFleet } from "./demo-fleet.ts";
import { demoTraces } from "./demo-traces.ts";
import { serveFleet } from "./serve-fleet.ts";
import type { SimFleet } from "./sim-fleet.ts";

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../../..");
/** The shared public traces, next to the repository. */
export const SHARED_TRACES_DIR = join(REPO_ROOT, "../shared/traces");

export interface DevOptions {
  /** 0: any free port. */
  port: number;
  host?: string;
  /** Simulated seconds per real second; default 1. */
  speed?: number;
  /** The demo's traces: a folder of shared traces, or "synthetic"; default SHARED_TRACES_DIR (synthetic when missing). */
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

export interface DevRuntime<F extends SimFleet = DemoFleet> {
  url: string;
  account: SimAccount;
  fleet: F;
  /** Advances simulated time by `ms`, running the ticks due on the way. */
  step: (ms: number) => Promise<void>;
  stop: () => Promise<void>;
}

const printer = (options: DevOptions) =>
  options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
const startOf = (options: DevOptions) => options.startMs ?? Math.floor(Date.now() / 60_000) * 60_000;

async function run<F extends SimFleet>(fleet: F, options: DevOptions): Promise<DevRuntime<F>> {
  const served = await serveFleet(fleet, { ...options, print: printer(options) });
  return { ...served, account: fleet.account, fleet };
}

/** The demo fleet: SQS workers on an EC2 group and on a capacity provider, a web service on CPU. */
export async function startDev(options: DevOptions): Promise<DevRuntime<DemoFleet>> {
  const tracesDir = options.traces === "synthetic" ? undefined : (options.traces ?? SHARED_TRACES_DIR);
  const traces = demoTraces(tracesDir);
  if (traces.source === "synthetic") {
    printer(options)("Gantry dev: shared traces not found; using built-in synthetic traces");
  }
  return run(createDemoFleet(traces, startOf(options)), options);
}

/** The targets of a gantry.yaml (`gantry dev --config`), each on a simulated service. */
export async function startDevFromConfig(
  path: string,
  options: DevOptions,
): Promise<DevRuntime<ConfigFleet>> {
  return run(await readConfigFleet(path, startOf(options)), options);
}

// The demo fleet's workloads: slices of the shared public traces, or small synthetic ones when they are absent.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadTrace, type Trace } from "@gantry/sim";

export interface DemoTraces {
  /** Where they came from: the shared traces folder, or "synthetic". */
  source: string;
  orders: Trace;
  events: Trace;
  web: Trace;
}

/**
 * Azure Functions 2019 (sum of all functions, 8 h, ×2: about 60 requests/s of 0.54 s), a day of WorldCup98
 * (×0.01) and a day of NASA HTTP per second (×60, requests of 0.2 s).
 */
export function sharedDemoTraces(dir: string): DemoTraces {
  return {
    source: dir,
    orders: loadTrace(join(dir, "azure-functions-2019"), { function: "sum", scale: 2 }),
    events: loadTrace(join(dir, "worldcup98-per-minute"), { from: "50d", to: "51d", scale: 0.01 }),
    web: loadTrace(join(dir, "nasa-http-1995-per-second"), { from: "2d", to: "3d", scale: 60 }),
  };
}

/** A day of per-minute counts: a daily wave, with a burst every `burstEvery` minutes. */
function synthetic(name: string, base: number, burst: number, burstEvery: number): Trace {
  const counts = new Float64Array(24 * 60);
  for (let m = 0; m < counts.length; m++) {
    const wave = base * (1 + 0.5 * Math.sin((2 * Math.PI * m) / (24 * 60)));
    counts[m] = Math.round(wave + (m % burstEvery < 3 ? burst : 0));
  }
  return {
    name,
    description: `synthetic: ${base}/min, bursts of ${burst}/min every ${burstEvery} min`,
    bucketSeconds: 60,
    counts,
    scale: 1,
  };
}

/** Small built-in workloads, with a burst in the first minutes so that scaling shows at once. */
export function syntheticDemoTraces(): DemoTraces {
  return {
    source: "synthetic",
    orders: synthetic("synthetic-orders", 600, 1800, 30),
    events: synthetic("synthetic-events", 120, 600, 20),
    web: synthetic("synthetic-web", 1500, 600, 15),
  };
}

/** The shared traces when `dir` has them all, else the synthetic ones. */
export function demoTraces(dir: string | undefined): DemoTraces {
  const names = ["azure-functions-2019", "worldcup98-per-minute", "nasa-http-1995-per-second"];
  if (dir === undefined || !names.every((name) => existsSync(join(dir, name)))) return syntheticDemoTraces();
  return sharedDemoTraces(dir);
}

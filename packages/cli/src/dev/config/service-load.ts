// What arrives at a simulated service: a trace named in the `dev:` section, a synthetic wave it describes, or,
// when it says nothing, a wave sized from the target's bounds, so that scaling shows without any tuning.
import { resolve } from "node:path";
import { GantryError, type TargetConfig, ValidationError } from "@gantry/core";
import { loadTrace, type Trace } from "@gantry/sim";
import type { DevLoad, DevService, DevTrace } from "./dev-section.ts";

export interface ServiceWorkload {
  trace: Trace;
  processingSeconds: number;
  concurrency: number;
}

/** Synthetic waves run for a week of simulated time (a trace stops at its end). */
const WAVE_MINUTES = 7 * 24 * 60;
/** The default wave's peak keeps this share of min(maxCapacity, DEFAULT_TASKS) tasks busy. */
const DEFAULT_PEAK_SHARE = 0.5;
const DEFAULT_TASKS = 20;

/** Per-minute counts of a sine wave, cut at 0. */
export function waveTrace(name: string, load: DevLoad): Trace {
  const counts = new Float64Array(WAVE_MINUTES);
  for (let m = 0; m < counts.length; m++) {
    const angle = (2 * Math.PI * (m + load.phaseMinutes)) / load.periodMinutes;
    counts[m] = Math.max(0, load.perMinute * (1 + load.amplitude * Math.sin(angle)));
  }
  const { perMinute, amplitude, periodMinutes } = load;
  const description = `synthetic: ${perMinute}/min ± ${amplitude * 100} % every ${periodMinutes} min`;
  return { name, description, bucketSeconds: 60, counts, scale: 1 };
}

/**
 * The default wave: an hour's period, its peak keeping half of min(maxCapacity, 20) tasks busy; with
 * minCapacity 0 it is cut to nothing for about a quarter of each hour, so that scale to zero shows.
 */
export function defaultLoad(config: TargetConfig, processingSeconds: number, concurrency: number): DevLoad {
  const tasks = Math.min(config.target.maxCapacity, DEFAULT_TASKS) * DEFAULT_PEAK_SHARE;
  const peak = (tasks * concurrency * 60) / processingSeconds;
  const amplitude = config.target.minCapacity === 0 ? 1.5 : 0.5;
  return { perMinute: peak / (1 + amplitude), amplitude, periodMinutes: 60, phaseMinutes: 0 };
}

function readTrace(trace: DevTrace, baseDir: string, field: string): Trace {
  const { path, ...options } = trace;
  try {
    return loadTrace(resolve(baseDir, path), options);
  } catch (error) {
    if (error instanceof GantryError)
      throw new ValidationError(`${field}: ${error.message}`, field, { cause: error });
    throw error;
  }
}

/**
 * The service's workload. Processing time and concurrency default to the sqsUtilization metric's, else 1 s
 * and 1 message at a time for a queue worker, 1 s and 4 requests at once for a service without a queue.
 */
export function serviceWorkload(
  config: TargetConfig,
  service: DevService,
  options: { hasQueue: boolean; baseDir: string; field: string },
): ServiceWorkload {
  const utilization = config.policies.map((p) => p.metric).find((m) => "sqsUtilization" in m)?.sqsUtilization;
  const processingSeconds = service.processingSeconds ?? utilization?.processingSeconds ?? 1;
  const concurrency = service.concurrency ?? utilization?.concurrency ?? (options.hasQueue ? 1 : 4);
  const name = config.target.id;
  const trace =
    service.trace !== undefined
      ? readTrace(service.trace, options.baseDir, `${options.field}.trace`)
      : waveTrace(name, service.load ?? defaultLoad(config, processingSeconds, concurrency));
  return { trace, processingSeconds, concurrency };
}

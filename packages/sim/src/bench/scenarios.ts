import type { LoadTraceOptions } from "../traces/load-trace.ts";

/** One benchmark case: a shared trace, how it is read as SQS worker load, and the SLO it is held to. */
export interface BenchScenario {
  readonly id: string;
  /** A folder or file under the traces directory. */
  readonly trace: string;
  readonly load: LoadTraceOptions;
  /** Seconds per message where the trace has no per-request durations. */
  readonly processingSeconds?: number;
  readonly sloSeconds: number;
  readonly why: string;
}

/**
 * Every shared trace, scaled to fleets of tens of tasks. Processing times: the trace's own where it has
 * them (Azure's per-function averages, Alibaba's per-request exec times), else 1 s per request.
 */
export const SCENARIOS: readonly BenchScenario[] = [
  {
    id: "azure-functions-2019",
    trace: "azure-functions-2019",
    load: { function: "sum" },
    sloSeconds: 60,
    why: "all 250 functions summed: smooth, ~31 msg/s, 0.54 s each (8 h)",
  },
  {
    id: "worldcup98-per-minute",
    trace: "worldcup98-per-minute",
    load: { scale: 0.01 },
    processingSeconds: 1,
    sloSeconds: 60,
    why: "×0.01: diurnal, flash crowds, 1000× growth; up to 38 msg/s (87 days)",
  },
  {
    id: "nasa-http-1995-per-second",
    trace: "nasa-http-1995-per-second",
    load: { scale: 10 },
    processingSeconds: 1,
    sloSeconds: 60,
    why: "×10: per-second diurnal/weekly load with spikes and a 38 h outage, ~7 msg/s (58.6 days)",
  },
  {
    id: "alibaba-genai-lora-requests",
    trace: "alibaba-genai-lora-requests",
    load: {},
    sloSeconds: 180,
    why: "×1: idle 70 % of minutes, bursts, jobs of 23 s median / 106 s p99 (23 days); SLO 3 min for minute-long jobs",
  },
];

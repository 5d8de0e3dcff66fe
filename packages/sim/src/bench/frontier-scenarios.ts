// What `npm run bench:frontier` sweeps: each shared trace (long ones sliced, so 264 runs fit in minutes on two
// cores), each SLO, and each scaler's main knob over five to seven settings around its SLO-derived default.
import type { LoadTraceOptions } from "../traces/load-trace.ts";

export const FRONTIER_SLOS: readonly number[] = [30, 60, 120];

export interface FrontierScenario {
  readonly id: string;
  /** A folder under the traces directory. */
  readonly trace: string;
  /** Read as `npm run bench` reads it, plus a slice where the whole trace would take too long. */
  readonly load: LoadTraceOptions;
  readonly processingSeconds?: number;
  readonly why: string;
}

export const FRONTIER_SCENARIOS: readonly FrontierScenario[] = [
  {
    id: "azure-functions-2019",
    trace: "azure-functions-2019",
    load: { function: "sum" },
    why: "whole trace (8 h)",
  },
  {
    id: "worldcup98-per-minute",
    trace: "worldcup98-per-minute",
    load: { scale: 0.01, from: "56d", to: "61d" },
    processingSeconds: 1,
    why: "×0.01, days 56–60 of 87 (1998-06-25 to 06-29: the group stage's end and the round of 16, 2.4 M messages)",
  },
  {
    id: "nasa-http-1995-per-second",
    trace: "nasa-http-1995-per-second",
    load: { scale: 10, from: "35d", to: "42d" },
    processingSeconds: 1,
    why: "×10, days 35–41 of 58.6 (one week of August 1995, 3.8 M messages)",
  },
  {
    id: "alibaba-genai-lora-requests",
    trace: "alibaba-genai-lora-requests",
    load: {},
    why: "whole trace (23 days)",
  },
];

/** Multipliers of a knob's SLO-derived default (AWS's backlog target, KEDA's queueLength). */
export const KNOB_MULTIPLIERS: readonly number[] = [0.25, 0.5, 1, 2, 4];
/**
 * Gantry's worker target utilization, percent (the default policy derives its own: 213–261 % at 45 s starts).
 * The ends reach where KEDA's extremes sit: 1000 % its loosest queueLengths (under 10 % in time at 1.00–1.02×
 * work), 75 % (idle headroom) its tightest on the job trace (Alibaba at 60 s: 98.2 % at 3.18×).
 */
export const GANTRY_TARGETS: readonly number[] = [75, 100, 150, 220, 300, 400, 1000];
/** aws-step's scale-out threshold in visible messages (the CDK's is 100; the +5 step sits at 5×). */
export const STEP_THRESHOLDS: readonly number[] = [10, 25, 50, 100, 250];

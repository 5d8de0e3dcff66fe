import type { Clock } from "@gantry/core";
import type { Reconciler } from "@gantry/runtime";
import { countOutcomes, type OutcomeCounts } from "./outcome-counts.ts";

/** The EventBridge schedule fires once a minute; sub-ticks never run into the next invocation's minute. */
export const SCHEDULE_PERIOD_SECONDS = 60;

export interface SubTickOptions {
  reconciler: Reconciler;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** 0, or ≥ the schedule period, means one pass per invocation. */
  subTickSeconds: number;
  /** Epoch ms: the invocation's start (slots are aligned to it) and its deadline. */
  startedAt: number;
  deadline: number;
  schedulePeriodSeconds?: number;
}

export interface TickSummary {
  passes: number;
  /** Target outcomes summed over every pass, by status. */
  outcomes: OutcomeCounts;
}

/**
 * Runs passes at `startedAt + k × N s` until the deadline. Each pass is a full reconcile with the invocation's
 * deadline. After a pass, the next slot is the first one not yet started and not already in the past (an overrun
 * skips slots rather than bursting). It runs only if it starts inside the schedule period and the longest pass
 * so far would still end by the deadline; otherwise the invocation returns.
 */
export async function runSubTicks(options: SubTickOptions): Promise<TickSummary> {
  const { reconciler, clock } = options;
  const summary: TickSummary = { passes: 0, outcomes: {} };
  let slot = 0;
  let longestPassMs = 0;
  for (;;) {
    const passStart = clock.now();
    // Alarms change only with the config: syncing them once a minute (the first pass) is enough.
    const result = await reconciler.reconcile({
      deadline: options.deadline,
      trigger: { type: "schedule" },
      syncAlarms: summary.passes === 0,
    });
    summary.passes += 1;
    countOutcomes(result.outcomes, summary.outcomes);
    longestPassMs = Math.max(longestPassMs, clock.now() - passStart);
    const next = nextSlot(options, slot, clock.now(), longestPassMs);
    if (next === undefined) {
      await reconciler.flushSeries?.();
      return summary;
    }
    slot = next.index;
    if (next.at > clock.now()) await options.sleep(next.at - clock.now());
  }
}

/** The slot to run after slot `last`, or undefined to stop (the rule above). */
export function nextSlot(
  options: Pick<SubTickOptions, "subTickSeconds" | "startedAt" | "deadline" | "schedulePeriodSeconds">,
  last: number,
  now: number,
  longestPassMs: number,
): { index: number; at: number } | undefined {
  const periodMs = (options.schedulePeriodSeconds ?? SCHEDULE_PERIOD_SECONDS) * 1000;
  const stepMs = options.subTickSeconds * 1000;
  if (!(stepMs > 0) || stepMs >= periodMs) return undefined;
  const index = Math.max(last + 1, Math.ceil((now - options.startedAt) / stepMs));
  const at = options.startedAt + index * stepMs;
  if (at - options.startedAt >= periodMs || at + longestPassMs > options.deadline) return undefined;
  return { index, at };
}

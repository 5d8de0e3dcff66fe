import type { ReconcileOptions, Reconciler, ReconcileSummary, TargetOutcome } from "@gantry/runtime";
import type { VirtualClock } from "./virtual-clock.ts";

/** A Reconciler that records its calls, takes `passMs` of virtual time per pass and can be told to fail next. */
export class FakeReconciler implements Reconciler {
  readonly calls: ReconcileOptions[] = [];
  outcomes: TargetOutcome[] = [];
  private failure: Error | undefined;
  private readonly clock: VirtualClock | undefined;
  private readonly passMs: number;
  private readonly onPass: ((options: ReconcileOptions) => void) | undefined;

  constructor(
    options: { clock?: VirtualClock; passMs?: number; onPass?: (options: ReconcileOptions) => void } = {},
  ) {
    this.clock = options.clock;
    this.passMs = options.passMs ?? 0;
    this.onPass = options.onPass;
  }

  failNext(error: Error): void {
    this.failure = error;
  }

  async reconcile(options: ReconcileOptions): Promise<ReconcileSummary> {
    this.calls.push(options);
    const startedAt = this.clock?.now() ?? 0;
    if (this.failure) {
      const error = this.failure;
      this.failure = undefined;
      throw error;
    }
    this.onPass?.(options);
    this.clock?.advance(this.passMs);
    return { startedAt, finishedAt: this.clock?.now() ?? 0, outcomes: this.outcomes, problems: [] };
  }
}

export function outcome(targetId: string, status: TargetOutcome["status"]): TargetOutcome {
  return { targetId, status, action: "None", fromCapacity: 1, toCapacity: 1 };
}

import type { TargetRecord } from "@gantry/core";
import { planObservation, withoutMetricsOf } from "./observation-plan.ts";
import { type ObservePorts, observe, observeMetrics, type TargetObservation } from "./observe.ts";
import type { TargetMemory } from "./target-memory.ts";

export interface PassObservation {
  observed: Map<string, TargetObservation>;
  /** Targets left at rest this pass: described by ECS, unchanged, not read from CloudWatch nor decided. */
  resting: Set<string>;
}

export interface PassObserveOptions {
  now: number;
  queueConcurrency: number;
  /** Present on full passes only: a pass over named targets (the alarm handler) reads and decides them all. */
  memory?: TargetMemory;
}

/**
 * One pass's observation: every service and every queue, and CloudWatch for the targets not at rest, all at
 * once. A resting target whose desired count or deployment moved since its last decision is woken: its metrics
 * are read in a second, small request, and it is decided like the others. One that could not be described is not at rest
 * either: it fails like any other.
 */
export async function observePass(
  records: readonly TargetRecord[],
  ports: ObservePorts,
  options: PassObserveOptions,
): Promise<PassObservation> {
  const { now, memory } = options;
  const candidates = new Set<string>();
  if (memory) for (const r of records) if (memory.resting(r, now)) candidates.add(r.config.target.id);
  const plan = withoutMetricsOf(
    planObservation(
      records.map((r) => r.config),
      now,
    ),
    candidates,
  );
  const observed = await observe(plan, ports, { queueConcurrency: options.queueConcurrency });
  const resting = new Set<string>();
  const woken: TargetRecord[] = [];
  for (const record of records) {
    const id = record.config.target.id;
    const seen = observed.get(id);
    if (!candidates.has(id) || !seen?.ok) continue;
    if (memory?.unchanged(record, seen.observation)) resting.add(id);
    else woken.push(record);
  }
  if (woken.length > 0) await readWoken(woken, observed, ports, now);
  return { observed, resting };
}

async function readWoken(
  woken: readonly TargetRecord[],
  observed: Map<string, TargetObservation>,
  ports: ObservePorts,
  now: number,
): Promise<void> {
  const plan = planObservation(
    woken.map((r) => r.config),
    now,
  );
  const read = await observeMetrics(plan, ports.metrics);
  for (const [id, { metrics, warnings }] of read) {
    const seen = observed.get(id);
    if (!seen?.ok) continue;
    const observation = { ...seen.observation, metrics };
    observed.set(id, { ok: true, observation, warnings: [...seen.warnings, ...warnings] });
  }
}

// A capacity group's instances over a window, from the samples the capacity stage recorded each pass: the
// group's desired capacity and its instances in service, pending, draining and protected from scale-in.
import type { SeriesSample, SeriesStore } from "@gantry/core";
import { capacityTargetId } from "../capacity/capacity-activity.ts";
import { chartInstants, type SeriesRange } from "./series-source.ts";

/** One instant of a group's chart; null before its first sample. */
export interface CapacityPoint {
  at: number;
  desired: number | null;
  inService: number | null;
  pending: number | null;
  draining: number | null;
  protected: number | null;
}

export type CapacitySeriesSource = (name: string, range: SeriesRange) => Promise<CapacityPoint[]>;

export function createCapacitySeriesSource(series: SeriesStore): CapacitySeriesSource {
  return async (name, range) =>
    capacityPoints(await series.readSamples(capacityTargetId(name), range), range);
}

/** Each sample at its own time, what held before the window at its start, the window's end last. */
export function capacityPoints(samples: readonly SeriesSample[], range: SeriesRange): CapacityPoint[] {
  const times = chartInstants(
    range,
    samples.map((s) => s.at),
  );
  let i = 0;
  let held: SeriesSample | undefined;
  return times.map((at) => {
    for (; i < samples.length && (samples[i] as SeriesSample).at <= at; i++) held = samples[i];
    return {
      at,
      desired: held?.desired ?? null,
      inService: held?.running ?? null,
      pending: held?.pending ?? null,
      draining: held?.draining ?? null,
      protected: held?.protected ?? null,
    };
  });
}

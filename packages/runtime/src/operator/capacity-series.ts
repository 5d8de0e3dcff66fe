// A capacity group's instances over a window, from the samples the capacity stage recorded each pass: the
// group's desired capacity and its instances in service, pending, draining and protected from scale-in.
import type { SeriesSample, SeriesStore } from "@gantry/core";
import { capacityTargetId } from "../capacity/capacity-activity.ts";
import { MAX_SERIES_POINTS, type SeriesRange } from "./series-source.ts";

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
  const instants = new Set<number>([range.from, range.to]);
  for (const s of samples) if (s.at >= range.from && s.at <= range.to) instants.add(s.at);
  let times = [...instants].sort((a, b) => a - b);
  if (times.length > MAX_SERIES_POINTS) {
    const step = range.periodSeconds * 1000;
    times = [];
    for (let at = range.from; at < range.to; at += step) times.push(at);
    times.push(range.to);
  }
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

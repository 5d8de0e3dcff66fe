// How far a trace's short windows stray from what its recent past predicts: the surprise a scaler that learns
// of load when it arrives must hold idle headroom for, when a start outlasts the SLO.
import { percentile } from "../account/wait-log.ts";

export interface Burstiness {
  /** Windows scored (those with arrivals in the trailing period). */
  readonly windows: number;
  /** Nearest-rank quantiles of (arrivals in the window) ÷ (the trailing period's mean rate × the window), by quantile. */
  readonly quantiles: ReadonlyMap<number, number>;
  /** Correlation of consecutive windows' surprises (arrivals − expected): near 0, a burst says nothing of the next. */
  readonly lagOneCorrelation: number;
}

/**
 * Consecutive `windowSeconds` windows of arrivals counted per second, each against the mean rate of the
 * `trailingSeconds` before it.
 */
export function burstiness(
  perSecondCounts: Float64Array,
  windowSeconds: number,
  trailingSeconds: number,
  quantiles: readonly number[],
): Burstiness {
  const sums = prefixSums(perSecondCounts);
  const ratios: number[] = [];
  const surprises: number[] = [];
  for (let at = trailingSeconds; at + windowSeconds <= perSecondCounts.length; at += windowSeconds) {
    const arrived = sumTo(sums, at + windowSeconds) - sumTo(sums, at);
    const expected =
      ((sumTo(sums, at) - sumTo(sums, at - trailingSeconds)) / trailingSeconds) * windowSeconds;
    if (expected <= 0) continue;
    ratios.push(arrived / expected);
    surprises.push(arrived - expected);
  }
  const sorted = Float64Array.from(ratios).sort();
  return {
    windows: ratios.length,
    quantiles: new Map(quantiles.map((q) => [q, percentile(sorted, 100 * q)])),
    lagOneCorrelation: lagOne(surprises),
  };
}

/** Cumulative arrivals at each whole second. */
function prefixSums(counts: Float64Array): Float64Array {
  const sums = new Float64Array(counts.length + 1);
  for (let i = 0; i < counts.length; i++) sums[i + 1] = (sums[i] as number) + (counts[i] as number);
  return sums;
}

function sumTo(sums: Float64Array, second: number): number {
  return sums[second] as number;
}

function lagOne(values: readonly number[]): number {
  if (values.length < 3) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  let variance = 0;
  let covariance = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] as number) - mean;
    variance += d * d;
    if (i > 0) covariance += d * ((values[i - 1] as number) - mean);
  }
  return variance > 0 ? covariance / (values.length - 1) / (variance / values.length) : 0;
}

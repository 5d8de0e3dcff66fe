// A per-minute time series of one service for reports and plots: the messages that arrived during each
// minute and the state at its end.
import { FloatColumn } from "./float-column.ts";

/** Columns of equal length; entry i covers the minute starting at `startMs + i × 60 s`. */
export interface MinuteSeries {
  /** Epoch ms of the first minute's start. */
  readonly startMs: number;
  readonly arrivals: number[];
  /** Visible messages at the end of the minute. */
  readonly backlog: number[];
  readonly inFlight: number[];
  readonly desired: number[];
  readonly running: number[];
  readonly pending: number[];
}

export interface MinuteState {
  readonly arrivals: number;
  readonly backlog: number;
  readonly inFlight: number;
  readonly desired: number;
  readonly running: number;
  readonly pending: number;
}

const COLUMNS = ["arrivals", "backlog", "inFlight", "desired", "running", "pending"] as const;

export class SeriesRecorder {
  readonly #startMs: number;
  readonly #columns = COLUMNS.map(() => new FloatColumn());

  /** `startMs`: start of the first minute recorded. */
  constructor(startMs: number) {
    this.#startMs = startMs;
  }

  get length(): number {
    return this.#columns[0]?.length ?? 0;
  }

  record(state: MinuteState): void {
    COLUMNS.forEach((name, i) => {
      this.#columns[i]?.push(state[name]);
    });
  }

  toSeries(): MinuteSeries {
    const [arrivals, backlog, inFlight, desired, running, pending] = this.#columns.map((c) => c.toArray());
    return {
      startMs: this.#startMs,
      arrivals: arrivals ?? [],
      backlog: backlog ?? [],
      inFlight: inFlight ?? [],
      desired: desired ?? [],
      running: running ?? [],
      pending: pending ?? [],
    };
  }
}

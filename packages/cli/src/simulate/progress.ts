// The progress bar of a long run, on stderr so that stdout stays clean for --json and pipes.
import type { SimulationProgress } from "@gantry/sim";
import { SingleBar } from "cli-progress";

export interface Progress {
  readonly update: (progress: SimulationProgress) => void;
  readonly stop: () => void;
}

const NONE: Progress = { update: () => {}, stop: () => {} };

/** Hours of simulated time, the unit a run's length is best read in. */
function hours(seconds: number): string {
  return `${(seconds / 3600).toFixed(1)} h`;
}

/**
 * A bar when `wanted` (--progress / --no-progress), by default only when stderr is a terminal. The run is
 * synchronous, so cli-progress's redraw timer never fires during it: off a terminal we render each update
 * ourselves, at most once a second, as one line each.
 */
export function createProgress(wanted: boolean | undefined): Progress {
  const tty = process.stderr.isTTY === true;
  if (!(wanted ?? tty)) return NONE;
  const bar = new SingleBar({
    stream: process.stderr,
    format: "simulating {bar} {percentage}% | {simulated} of {total_h} | ETA {eta_formatted}",
    noTTYOutput: !tty,
    // A SIGINT listener would only run once the synchronous run is over, so Ctrl-C could not stop it; and
    // without one a hidden cursor would stay hidden after Ctrl-C.
    gracefulExit: false,
    hideCursor: false,
  });
  let started = false;
  let lastRender = 0;
  return {
    update({ simulatedSeconds, totalSeconds }) {
      const payload = { simulated: hours(simulatedSeconds), total_h: hours(totalSeconds) };
      if (!started) {
        bar.start(totalSeconds, 0, { ...payload, simulated: hours(0) });
        [started, lastRender] = [true, Date.now()];
      }
      bar.update(simulatedSeconds, payload);
      if (!tty && Date.now() - lastRender >= 1000) {
        bar.render();
        lastRender = Date.now();
      }
    },
    stop: () => bar.stop(),
  };
}

// `gantry dev`: the simulated account with a demo fleet (or the targets of a gantry.yaml), the real handlers on a
// local schedule, the API and the dashboard on 127.0.0.1. The runtime is imported only when the command runs.
import { type Command, InvalidArgumentError } from "commander";
import type { DevCommandOptions } from "../dev/run-dev.ts";
import { portArg } from "./port-arg.ts";

export const DEFAULT_DEV_PORT = 8787;
export const MAX_SPEED = 3600;

function speed(text: string): number {
  const value = /^\s*(\d+\.?\d*|\.\d+)\s*$/.test(text) ? Number(text) : Number.NaN;
  if (value > 0 && value <= MAX_SPEED) return value;
  throw new InvalidArgumentError(`must be a number > 0 and ≤ ${MAX_SPEED}.`);
}

export function registerDev(program: Command): void {
  program
    .command("dev")
    .description(
      "run Gantry locally on a simulated account (a demo fleet, or --config's targets), and serve the API",
    )
    .option(
      "--config <file>",
      "simulate the targets of this gantry.yaml (the file gantry apply reads; its dev: section says how)",
    )
    .option("--port <n>", "port on 127.0.0.1 (0: any free port)", portArg, DEFAULT_DEV_PORT)
    .option("--speed <x>", `simulated seconds per real second (≤ ${MAX_SPEED})`, speed, 1)
    .option("--no-open", "do not open a browser")
    .action(async (options: DevCommandOptions) => {
      const { runDev } = await import("../dev/run-dev.ts");
      await runDev(options);
    });
}

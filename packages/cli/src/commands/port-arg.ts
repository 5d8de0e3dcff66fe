// `--port` for the commands that listen (`gantry dev`, `gantry dashboard`).
import { InvalidArgumentError } from "commander";

/** An integer from 0 (any free port) to 65535; commander reports anything else as a usage error. */
export function portArg(text: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (Number.isInteger(value) && value >= 0 && value <= 65_535) return value;
  throw new InvalidArgumentError("must be an integer from 0 to 65535.");
}

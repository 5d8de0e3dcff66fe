// Commander argument parsers for `gantry simulate`: each rejects a bad value with a reason, and Commander
// reports it as one line naming the option (exit 2 via main.ts).
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseNonNegative } from "@gantry/sim/traces/time";
import { InvalidArgumentError } from "commander";

export function positiveNumber(text: string): number {
  const value = parseNonNegative(text);
  if (Number.isFinite(value) && value > 0) return value;
  throw new InvalidArgumentError("must be a number > 0.");
}

/** SQS allows a 0 s visibility timeout, but then no processing could finish (service-settings.ts). */
export function atLeastOneSecond(text: string): number {
  const value = parseNonNegative(text);
  if (Number.isFinite(value) && value >= 1) return value;
  throw new InvalidArgumentError("must be a number ≥ 1.");
}

export function nonNegativeNumber(text: string): number {
  const value = parseNonNegative(text);
  if (Number.isFinite(value) && value >= 0) return value;
  throw new InvalidArgumentError("must be a number ≥ 0.");
}

function integerAtLeast(text: string, min: number): number {
  const value = parseNonNegative(text);
  if (Number.isSafeInteger(value) && value >= min) return value;
  throw new InvalidArgumentError(`must be an integer ≥ ${min}.`);
}

export const nonNegativeInteger = (text: string): number => integerAtLeast(text, 0);
export const positiveInteger = (text: string): number => integerAtLeast(text, 1);

/**
 * The tick's sub-tick (SUB_TICK_SECONDS): passes within one scheduled minute; 0 is one pass a minute. Whole
 * seconds, as the EC2 cluster simulation steps by the second.
 */
export function subTickSeconds(text: string): number {
  const value = parseNonNegative(text);
  if (Number.isInteger(value) && value >= 0 && value <= 60) return value;
  throw new InvalidArgumentError("must be a whole number of seconds in [0, 60] (0: one pass a minute).");
}

/** Seeds are hashed as 32-bit words (traces/scale.ts). */
export function seed(text: string): number {
  const value = parseNonNegative(text);
  if (Number.isInteger(value) && value >= 0 && value < 2 ** 32) return value;
  throw new InvalidArgumentError("must be an integer in [0, 4294967295].");
}

export function existingPath(text: string): string {
  if (existsSync(text)) return text;
  throw new InvalidArgumentError("no such file or folder.");
}

/** Checked before the run, so that a long simulation does not fail at the very end. */
export function writableFile(text: string): string {
  const folder = dirname(resolve(text));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new InvalidArgumentError(`folder ${folder} does not exist.`);
  }
  if (existsSync(text) && statSync(text).isDirectory()) throw new InvalidArgumentError("is a folder.");
  return text;
}

import { readFileSync } from "node:fs";
import { GantryError } from "@gantry/core";
import { Command, CommanderError } from "commander";
import { CliError } from "./cli-error.ts";
import { registerActivities } from "./commands/activities.ts";
import { registerApply } from "./commands/apply.ts";
import { registerCapacity } from "./commands/capacity.ts";
import { registerDashboard } from "./commands/dashboard.ts";
import { registerDev } from "./commands/dev.ts";
import { registerEvaluate } from "./commands/evaluate.ts";
import { registerExplain } from "./commands/explain.ts";
import { registerImport } from "./commands/import.ts";
import { registerSimulate } from "./commands/simulate.ts";
import { registerStatus } from "./commands/status.ts";

/** The CLI package's own version (packages/cli/package.json). */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  return (manifest as { version: string }).version;
}

function buildProgram(): Command {
  const program = new Command("gantry")
    .description("Gantry: autoscaling control plane for Amazon ECS")
    .version(cliVersion(), "-V, --version", "print the version")
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  registerEvaluate(program);
  registerSimulate(program);
  registerDev(program);
  registerDashboard(program);
  registerApply(program);
  registerStatus(program);
  registerExplain(program);
  registerActivities(program);
  registerCapacity(program);
  registerImport(program);
  return program;
}

/** Runs the CLI and returns the exit code: 0 ok, 2 bad input or usage, 1 anything else. Never a stack trace. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander already printed usage errors; help and version exit 0.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof GantryError) {
    process.stderr.write(`gantry: ${error.message}\n`);
    return error.code === "ValidationError" ? 2 : 1;
  }
  if (error instanceof CliError) {
    process.stderr.write(`gantry: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`gantry: unexpected error: ${message}\n`);
  return 1;
}

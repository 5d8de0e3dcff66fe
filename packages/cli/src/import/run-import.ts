// `gantry import`: read the ECS setup of Application Auto Scaling (from AWS or saved CLI output), write it as a
// `gantry apply` file, report what did not fit, and on request hand the services over to Gantry.
import { writeFile } from "node:fs/promises";
import { readAasSetup } from "@gantry/aws";
import { CliError } from "../cli-error.ts";
import { buildImport, type ImportResult } from "./build-import.ts";
import { formatImport } from "./format-import.ts";
import { handOver } from "./hand-over.ts";
import { countNotCarried, formatFinding } from "./import-finding.ts";
import type { ImportIo } from "./import-io.ts";
import { readSavedOutput } from "./read-saved-output.ts";

export interface ImportOptions {
  region?: string;
  from?: string;
  output?: string;
  force?: boolean;
  strict?: boolean;
  deregister?: boolean;
  yes?: boolean;
}

export async function runImport(options: ImportOptions, io: ImportIo): Promise<void> {
  checkFlags(options);
  const setup = options.from ? await readSavedOutput(options.from) : await readLive(options.region, io);
  const result = buildImport(setup);
  const source = options.from
    ? `saved output in ${options.from}`
    : `region ${options.region ?? "from the AWS config"}`;
  await writeOutput(formatImport(result.targets, result.findings, source), options, io);
  report(result, options.output ?? "standard output", io);
  const notCarried = countNotCarried(result.findings);
  if (options.strict && notCarried > 0) {
    throw new CliError(`${notCarried} setting(s) not carried over (--strict)`, 1);
  }
  if (options.deregister) {
    const ids = result.targets.map((t) => t.target.id);
    const plan = {
      ids,
      file: options.output as string,
      notCarried,
      region: options.region,
      yes: options.yes === true,
    };
    await handOver(plan, io);
  }
}

async function readLive(region: string | undefined, io: ImportIo) {
  try {
    return await readAasSetup(io.clients(region));
  } catch (error) {
    // The SDK's words for a region neither passed nor configured; say which flag supplies it.
    if (region === undefined && error instanceof Error && /Region is missing/.test(error.message)) {
      throw new CliError("no AWS region: pass --region or set AWS_REGION", 2);
    }
    throw error;
  }
}

function checkFlags(options: ImportOptions): void {
  if (options.from && options.region)
    throw new CliError("--region: not with --from (it reads saved files)", 2);
  if (options.deregister && options.from) {
    throw new CliError("--deregister: nothing live to deregister with --from (it reads saved files)", 2);
  }
  if (options.deregister && !options.output) {
    throw new CliError("--deregister needs -o FILE: the file keeps what deregistering deletes in AWS", 2);
  }
  if (options.yes && !options.deregister) throw new CliError("--yes: only with --deregister", 2);
}

async function writeOutput(text: string, options: ImportOptions, io: ImportIo): Promise<void> {
  if (!options.output) return io.stdout(text);
  try {
    await writeFile(options.output, text, { flag: options.force ? "w" : "wx" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new CliError(`${options.output}: exists (pass --force to overwrite it)`, 2);
    throw new CliError(`${options.output}: cannot write (${code})`, 1);
  }
}

function report(result: ImportResult, destination: string, io: ImportIo): void {
  const policies = result.targets.reduce((n, t) => n + (t.policies?.length ?? 0), 0);
  const actions = result.targets.reduce((n, t) => n + (t.scheduledActions?.length ?? 0), 0);
  const counts = `${plural(result.targets.length, "target")}, ${plural(policies, "policy", "policies")}, ${plural(actions, "scheduled action")}`;
  io.stderr(`Imported ${counts} to ${destination}.\n`);
  for (const finding of result.findings) io.stderr(`${formatFinding(finding)}\n`);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

import type { TargetConfig } from "@gantry/core";
import type { Command } from "commander";
import type { ApiClient } from "../api-client/api-client.ts";
import { ApiCallError } from "../api-client/api-client.ts";
import { type ApiOptions, clientFor, withApiOptions } from "../api-client/api-options.ts";
import { CliError } from "../cli-error.ts";
import { diffTargets, type TargetDiff } from "./apply/diff-targets.ts";
import { formatDiff } from "./apply/format-diff.ts";
import { type ApplyEntry, readApplyFile } from "./apply/read-apply-file.ts";

interface ApplyOptions extends ApiOptions {
  file: string;
  dryRun?: boolean;
  prune?: boolean;
}

const FILE_HELP = `
File format (YAML or JSON): a list of targets, each the body of PUT /targets/{cluster}/{service}:

  targets:
    - target: { id: service/prod/worker, minCapacity: 1, maxCapacity: 20 }
      policies:
        - name: backlog
          type: TargetTracking
          targetValue: 100
          metric: { sqs: { queueUrl: https://sqs.eu-west-1.amazonaws.com/123456789012/jobs } }
      scheduledActions:
        - { name: night, schedule: "cron(0 22 * * ? *)", minCapacity: 1, maxCapacity: 5 }
      behavior: {}          # optional

Targets that are not in the file are kept unless --prune.
Diff: "+" new target, "~" changed field, "-" deleted target (--prune), "!" kept although not in the file.`;

/** `gantry apply -f gantry.yaml`: declarative targets and policies. */
export function registerApply(program: Command): void {
  const command = program
    .command("apply")
    .description("make the API's targets match a file: validate, show the diff, then write what changed")
    .requiredOption("-f, --file <file>", "the targets file (YAML or JSON), or - for standard input")
    .option("--dry-run", "show the diff and stop")
    .option("--prune", "delete targets that are not in the file")
    .addHelpText("after", FILE_HELP);
  withApiOptions(command).action(async (options: ApplyOptions) => {
    // The whole file is validated before any request (readApplyFile exits 2 listing every problem).
    const entries = await readApplyFile(options.file);
    const client = clientFor(options);
    const plan = await planApply(client, entries, options.prune === true);
    process.stdout.write(`${formatDiff(plan.diffs, plan.configs)}\n`);
    if (options.dryRun) {
      process.stdout.write("Dry run: nothing written.\n");
      return;
    }
    const written = await carryOut(client, plan, entries, options.prune === true);
    process.stdout.write(written === 0 ? "Nothing to do.\n" : `Applied ${written} change(s).\n`);
  });
}

interface ApplyPlan {
  diffs: TargetDiff[];
  configs: Map<string, TargetConfig>;
}

async function planApply(client: ApiClient, entries: ApplyEntry[], prune: boolean): Promise<ApplyPlan> {
  const current = (await client.listTargets()).items;
  const diffs = diffTargets(
    entries.map((e) => e.config),
    current,
    { prune },
  );
  return { diffs, configs: new Map(entries.map((e) => [e.config.target.id, e.config])) };
}

/**
 * PUT each added or changed target with If-Match of the version diffed against; DELETE pruned ones. A 409 means
 * someone wrote a target since the diff: the rest of the file is diffed again, shown, and carried out once more;
 * a second 409 stops, saying what was applied.
 */
async function carryOut(
  client: ApiClient,
  plan: ApplyPlan,
  entries: ApplyEntry[],
  prune: boolean,
): Promise<number> {
  const inputs = new Map(entries.map((e) => [e.config.target.id, e.input as TargetConfig]));
  const done = new Set<string>();
  let diffs = plan.diffs;
  for (let round = 1; ; round++) {
    const conflict = await writeAll(client, diffs, inputs, done);
    if (conflict === undefined) return done.size;
    if (round > 1) {
      process.stdout.write(`Applied ${done.size} change(s) before the conflict.\n`);
      throw new CliError(`${conflict} changed since you diffed, run apply again`, 1);
    }
    process.stdout.write(`${conflict} changed since the diff; diffing again:\n`);
    const fresh = await planApply(client, entries, prune);
    diffs = fresh.diffs.filter((d) => !done.has(d.id));
    process.stdout.write(`${formatDiff(diffs, fresh.configs)}\n`);
  }
}

/** Writes the diffs in order; the id of the first one that lost a race (409), or undefined when all landed. */
async function writeAll(
  client: ApiClient,
  diffs: readonly TargetDiff[],
  inputs: ReadonlyMap<string, TargetConfig>,
  done: Set<string>,
): Promise<string | undefined> {
  for (const diff of diffs) {
    const write = writeOf(client, diff, inputs.get(diff.id));
    if (!write) continue;
    try {
      await write();
    } catch (error) {
      if (error instanceof ApiCallError && error.status === 409) return diff.id;
      throw error;
    }
    done.add(diff.id);
  }
  return undefined;
}

function writeOf(
  client: ApiClient,
  diff: TargetDiff,
  input: TargetConfig | undefined,
): (() => Promise<unknown>) | undefined {
  if (diff.kind === "add" && input) return () => client.putTarget(input, 0);
  if (diff.kind === "change" && input) return () => client.putTarget(input, diff.version);
  if (diff.kind === "remove") return () => client.deleteTarget(diff.id, diff.version);
  return undefined;
}

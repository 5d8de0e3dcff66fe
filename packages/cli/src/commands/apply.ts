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
    const entries = await readApplyFile(options.file);
    const client = clientFor(options);
    const current = (await client.listTargets()).items;
    const diffs = diffTargets(
      entries.map((e) => e.config),
      current,
      { prune: options.prune === true },
    );
    const configs = new Map<string, TargetConfig>(entries.map((e) => [e.config.target.id, e.config]));
    process.stdout.write(`${formatDiff(diffs, configs)}\n`);
    if (options.dryRun) {
      process.stdout.write("Dry run: nothing written.\n");
      return;
    }
    const written = await carryOut(client, diffs, entries);
    process.stdout.write(written === 0 ? "Nothing to do.\n" : `Applied ${written} change(s).\n`);
  });
}

/** PUT each added or changed target with If-Match of the version diffed against; DELETE pruned ones. */
async function carryOut(
  client: ApiClient,
  diffs: readonly TargetDiff[],
  entries: ApplyEntry[],
): Promise<number> {
  const inputs = new Map(entries.map((e) => [e.config.target.id, e.input]));
  let written = 0;
  for (const diff of diffs) {
    const input = inputs.get(diff.id) as TargetConfig | undefined;
    if (diff.kind === "add" && input) await conflictFriendly(diff.id, () => client.putTarget(input, 0));
    else if (diff.kind === "change" && input)
      await conflictFriendly(diff.id, () => client.putTarget(input, diff.version));
    else if (diff.kind === "remove")
      await conflictFriendly(diff.id, () => client.deleteTarget(diff.id, diff.version));
    else continue;
    written++;
  }
  return written;
}

async function conflictFriendly(id: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (error instanceof ApiCallError && error.status === 409) {
      throw new CliError(`${id} changed since you diffed, run apply again`, 1);
    }
    throw error;
  }
}

import type { Command } from "commander";
import {
  type ApiOptions,
  clientFor,
  printJson,
  targetIdArg,
  withApiOptions,
} from "../api-client/api-options.ts";
import { activityLines, collectActivities, withPageOptions } from "./activity-pages.ts";

interface ActivitiesOptions extends ApiOptions {
  limit?: number;
  all?: boolean;
  json?: boolean;
}

/** `gantry activities CLUSTER/SERVICE`: scaling activities, newest first. */
export function registerActivities(program: Command): void {
  const command = withPageOptions(
    program
      .command("activities")
      .description("list a target's scaling activities, newest first")
      .argument("<cluster/service>", "the target, e.g. prod/worker"),
  ).option("--json", "print the API's JSON (with --all: every page's items in one list)");
  withApiOptions(command).action(async (target: string, options: ActivitiesOptions) => {
    const client = clientFor(options);
    const id = targetIdArg(target);
    const result = await collectActivities((page) => client.listActivities(id, page), options);
    if (options.json) return printJson(result);
    process.stdout.write(`${activityLines(result).join("\n")}\n`);
  });
}

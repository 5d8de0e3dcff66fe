import type { Activity } from "@gantry/core";
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import type { ActivityPage } from "../api-client/api-client.ts";
import {
  type ApiOptions,
  clientFor,
  printJson,
  targetIdArg,
  withApiOptions,
} from "../api-client/api-options.ts";
import { formatTime } from "../api-client/format-view.ts";

interface ActivitiesOptions extends ApiOptions {
  limit?: number;
  all?: boolean;
  json?: boolean;
}

/** `gantry activities CLUSTER/SERVICE`: scaling activities, newest first. */
export function registerActivities(program: Command): void {
  const command = program
    .command("activities")
    .description("list a target's scaling activities, newest first")
    .argument("<cluster/service>", "the target, e.g. prod/worker")
    .option("--limit <n>", "activities per page (1–200; default 50)", parseLimit)
    .option("--all", "follow nextCursor to the oldest activity")
    .option("--json", "print the API's JSON (with --all: every page's items in one list)");
  withApiOptions(command).action(async (target: string, options: ActivitiesOptions) => {
    const client = clientFor(options);
    const id = targetIdArg(target);
    const limit = options.limit === undefined ? {} : { limit: options.limit };
    let page: ActivityPage = await client.listActivities(id, limit);
    const items = [...page.items];
    while (options.all && page.nextCursor) {
      page = await client.listActivities(id, { ...limit, cursor: page.nextCursor });
      items.push(...page.items);
    }
    const result: ActivityPage = page.nextCursor ? { items, nextCursor: page.nextCursor } : { items };
    if (options.json) return printJson(result);
    process.stdout.write(`${activityLines(result).join("\n")}\n`);
  });
}

function parseLimit(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 200)
    throw new InvalidArgumentError("use a whole number from 1 to 200");
  return n;
}

function activityLines(page: ActivityPage): string[] {
  if (page.items.length === 0) return ["No activities."];
  const lines = page.items.flatMap(activityLine);
  return page.nextCursor ? [...lines, "More activities: pass --all (or a larger --limit)."] : lines;
}

function activityLine(a: Activity): string[] {
  const dry = a.dryRun ? " (dry run)" : "";
  return [
    `${formatTime(a.startTime)}  ${a.status}  ${a.action} ${a.fromCapacity} → ${a.toCapacity}${dry}  cause: ${a.cause}`,
    `    ${a.statusMessage}`,
    ...a.reasons.map((r) => `    ${r.code}${r.policy ? ` [${r.policy}]` : ""}: ${r.message}`),
  ];
}

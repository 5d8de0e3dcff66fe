import type { Command } from "commander";
import type { CapacityGroup } from "../api-client/api-client.ts";
import { type ApiOptions, clientFor, printJson, withApiOptions } from "../api-client/api-options.ts";
import { formatTime } from "../api-client/format-view.ts";
import { activityLines, collectActivities, withPageOptions } from "./activity-pages.ts";

interface CapacityOptions extends ApiOptions {
  limit?: number;
  all?: boolean;
  json?: boolean;
}

/** `gantry capacity [NAME]`: the second stage's groups, or one group's activities newest first. */
export function registerCapacity(program: Command): void {
  const command = withPageOptions(
    program
      .command("capacity")
      .description("list the EC2 capacity groups Gantry sizes, or one group's activities, newest first")
      .argument("[name]", "an Auto Scaling group or capacity provider named by a target's capacity block"),
    "with NAME: ",
  ).option("--json", "print the API's JSON");
  withApiOptions(command).action(async (name: string | undefined, options: CapacityOptions) => {
    const client = clientFor(options);
    if (name === undefined) {
      const list = await client.listCapacity();
      if (options.json) return printJson(list);
      return void process.stdout.write(`${groupLines(list.items).join("\n")}\n`);
    }
    const result = await collectActivities((page) => client.listCapacityActivities(name, page), options);
    if (options.json) return printJson(result);
    process.stdout.write(`${activityLines(result).join("\n")}\n`);
  });
}

function groupLines(groups: readonly CapacityGroup[]): string[] {
  if (groups.length === 0) return ["No target has a capacity block."];
  return groups.flatMap((g) => {
    const last = g.lastActivity;
    const action = last
      ? `${formatTime(last.startTime)}  ${last.action} ${last.fromCapacity} → ${last.toCapacity} instances`
      : "no activity yet";
    return [`${g.name}  (${g.mode})  ${action}`, `    targets: ${g.targetIds.join(", ")}`];
  });
}

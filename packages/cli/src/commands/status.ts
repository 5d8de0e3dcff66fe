import type { Command } from "commander";
import type { TargetView } from "../api-client/api-client.ts";
import { type ApiOptions, clientFor, printJson, withApiOptions } from "../api-client/api-options.ts";
import {
  formatBounds,
  formatCounts,
  formatFlags,
  formatTable,
  formatTime,
} from "../api-client/format-view.ts";

interface StatusOptions extends ApiOptions {
  json?: boolean;
}

const HEADER = ["TARGET", "DESIRED/RUNNING/PENDING", "MIN–MAX", "FLAGS", "LAST ACTION", "WHEN"];

/** `gantry status`: one line per target. */
export function registerStatus(program: Command): void {
  const command = program
    .command("status")
    .description("list the targets: counts, bounds, dry-run / suspended flags, last action")
    .option("--json", "print the API's JSON");
  withApiOptions(command).action(async (options: StatusOptions) => {
    const list = await clientFor(options).listTargets();
    if (options.json) return printJson(list);
    if (list.items.length === 0) {
      process.stdout.write("No targets (add some with gantry apply -f gantry.yaml).\n");
      return;
    }
    process.stdout.write(`${formatTable([HEADER, ...list.items.map(statusRow)])}\n`);
    if (list.stale) {
      const reason = list.staleReason ? ` (${list.staleReason})` : "";
      process.stdout.write(`Counts are stale: ECS could not be read${reason}.\n`);
    }
  });
}

function statusRow(view: TargetView): string[] {
  const target = view.config.target;
  const decision = view.lastDecision;
  const action = decision ? `${decision.action} → ${decision.desiredCapacity}` : "-";
  return [
    view.id,
    `${formatCounts(view)}${view.stale ? " (stale)" : ""}`,
    formatBounds(target),
    formatFlags(target),
    action,
    decision ? formatTime(decision.at) : "-",
  ];
}

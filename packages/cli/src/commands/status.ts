import type { Command } from "commander";
import type { TargetProblem, TargetView } from "../api-client/api-client.ts";
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
    const problems = list.problems ?? [];
    if (list.items.length === 0 && problems.length === 0) {
      process.stdout.write("No targets (add some with gantry apply -f gantry.yaml).\n");
      return;
    }
    if (list.items.length > 0)
      process.stdout.write(`${formatTable([HEADER, ...list.items.map(statusRow)])}\n`);
    if (list.stale) {
      const reason = list.staleReason ? ` (${list.staleReason})` : "";
      process.stdout.write(`Counts are stale: ECS could not be read${reason}.\n`);
    }
    if (problems.length > 0) process.stdout.write(problemLines(problems));
  });
}

/** Unreadable targets are not scaled: say so, with how to see and fix them. */
function problemLines(problems: readonly TargetProblem[]): string {
  const lines = problems.map((p) => `  ${p.id}: ${p.code}: ${p.message}\n`);
  const hint =
    "See one with GET /targets/{cluster}/{service}/raw; PUT its config or DELETE it to repair it.\n";
  return `${problems.length} target(s) cannot be read and are not scaled:\n${lines.join("")}${hint}`;
}

function statusRow(view: TargetView): string[] {
  const target = view.config.target;
  const decision = view.lastDecision;
  const held = decision?.reasons.find((r) => r.code === "ManagedByApplicationAutoScaling");
  const action = held
    ? "held: ManagedByApplicationAutoScaling"
    : decision
      ? `${decision.action} → ${decision.desiredCapacity}`
      : "-";
  return [
    view.id,
    `${formatCounts(view)}${view.stale ? " (stale)" : ""}`,
    formatBounds(target),
    formatFlags(target),
    action,
    decision ? formatTime(decision.at) : "-",
  ];
}

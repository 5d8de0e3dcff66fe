import type { Command } from "commander";
import type { TargetView } from "../api-client/api-client.ts";
import {
  type ApiOptions,
  clientFor,
  printJson,
  targetIdArg,
  withApiOptions,
} from "../api-client/api-options.ts";
import { formatBounds, formatFlags, formatTime } from "../api-client/format-view.ts";

interface ExplainOptions extends ApiOptions {
  json?: boolean;
}

/** `gantry explain CLUSTER/SERVICE`: the last decision and why. */
export function registerExplain(program: Command): void {
  const command = program
    .command("explain")
    .description("show a target's last decision and its reasons, the observed counts and the bounds")
    .argument("<cluster/service>", "the target, e.g. prod/worker")
    .option("--json", "print the API's JSON");
  withApiOptions(command).action(async (target: string, options: ExplainOptions) => {
    const view = await clientFor(options).getTarget(targetIdArg(target));
    if (options.json) return printJson(view);
    process.stdout.write(`${explainLines(view).join("\n")}\n`);
  });
}

function explainLines(view: TargetView): string[] {
  const target = view.config.target;
  const lines = [
    `${view.id} (version ${view.version})`,
    `  bounds: ${formatBounds(target)} tasks; flags: ${formatFlags(target)}`,
    `  counts: ${countsLine(view)}`,
  ];
  const decision = view.lastDecision;
  if (!decision) return [...lines, "  last decision: none yet"];
  const { desiredCount, runningCount, pendingCount } = decision.observed;
  lines.push(
    `  last decision at ${formatTime(decision.at)}: ${decision.action} to ${decision.desiredCapacity}${decision.dryRun ? " (dry run: not applied)" : ""}`,
    `  observed: desired ${desiredCount}, running ${runningCount}, pending ${pendingCount}`,
    "  reasons:",
    ...decision.reasons.map((r) => `    ${r.code}${r.policy ? ` [${r.policy}]` : ""}: ${r.message}`),
  );
  return lines;
}

function countsLine(view: TargetView): string {
  const c = view.counts;
  if (!c) return "unknown (no decision yet, ECS not read)";
  const source = c.source === "ecs" ? "from ECS" : "from the last decision";
  const stale = view.stale ? ", stale" : "";
  return `desired ${c.desiredCount}, running ${c.runningCount}, pending ${c.pendingCount} (${source} at ${formatTime(c.at)}${stale})`;
}

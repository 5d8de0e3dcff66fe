// `gantry import --deregister`: after the file is written and the user agrees, each imported service leaves
// Application Auto Scaling, so that Gantry alone scales it (no two controllers).
import { deregisterScalableTarget } from "@gantry/aws";
import { CliError } from "../cli-error.ts";
import type { ImportIo } from "./import-io.ts";

export interface HandOver {
  ids: string[];
  file: string;
  notCarried: number;
  region: string | undefined;
  yes: boolean;
}

export async function handOver(plan: HandOver, io: ImportIo): Promise<void> {
  if (plan.ids.length === 0) {
    io.stderr("Nothing to deregister: no scalable target was imported.\n");
    return;
  }
  if (!(plan.yes || (await ask(plan, io)))) {
    io.stderr("Nothing deregistered.\n");
    return;
  }
  const client = io.clients(plan.region).applicationAutoScaling;
  const failures: string[] = [];
  for (const id of plan.ids) {
    try {
      const outcome = await deregisterScalableTarget(client, id);
      io.stderr(
        outcome === "deregistered" ? `deregistered ${id}\n` : `${id} was not registered (any more)\n`,
      );
    } catch (error) {
      failures.push(`${id}: ${(error as Error).message}`);
    }
  }
  if (failures.length > 0) {
    const list = failures.map((f) => `  ${f}`).join("\n");
    throw new CliError(`${failures.length} of ${plan.ids.length} not deregistered:\n${list}`, 1);
  }
  io.stderr(
    "Gantry now scales these services alone. The CloudWatch alarms of step policies are yours and were kept;\n" +
      "delete them once you no longer need them.\n",
  );
}

async function ask(plan: HandOver, io: ImportIo): Promise<boolean> {
  if (!io.confirm) {
    throw new CliError("--deregister: standard input is not a terminal; pass --yes to confirm", 2);
  }
  const lost =
    plan.notCarried > 0
      ? ` ${plan.notCarried} setting(s) were not carried over (listed above) and will be gone.`
      : "";
  return io.confirm(
    `Deregister ${plan.ids.length} service(s) from Application Auto Scaling? AWS deletes their scaling policies, ` +
      `scheduled actions and target tracking alarms; ${plan.file} keeps what was carried over.${lost}`,
  );
}

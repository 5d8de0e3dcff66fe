// `gantry import --from DIR`: the same setup as the SDK path, read from saved AWS CLI output so that a migration
// can be reviewed offline. Every problem names the file and the field.
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { type AasSetup, stepAlarmNames } from "@gantry/aws";
import { listProblems } from "@gantry/core";
import type { z } from "zod";
import { CliError } from "../cli-error.ts";
import { parseDocument, readText } from "../read-input.ts";
import { SAVED_OUTPUT } from "./saved-output-schemas.ts";

type Saved = (typeof SAVED_OUTPUT)[keyof typeof SAVED_OUTPUT];

export async function readSavedOutput(dir: string): Promise<AasSetup> {
  await checkDirectory(dir);
  const { ScalableTargets } = await readSaved(dir, SAVED_OUTPUT.scalableTargets);
  const { ScalingPolicies } = await readSaved(dir, SAVED_OUTPUT.scalingPolicies);
  const { ScheduledActions } = await readSaved(dir, SAVED_OUTPUT.scheduledActions);
  const alarmNames = stepAlarmNames(ScalingPolicies);
  // Without step policies there is no alarm to read, so alarms.json may be left out.
  const alarms =
    alarmNames.length === 0 && !(await exists(join(dir, SAVED_OUTPUT.alarms.file)))
      ? { MetricAlarms: [] }
      : await readSaved(dir, SAVED_OUTPUT.alarms, alarmNames);
  return {
    scalableTargets: ScalableTargets,
    scalingPolicies: ScalingPolicies,
    scheduledActions: ScheduledActions,
    alarms: alarms.MetricAlarms,
  };
}

async function readSaved<S extends Saved>(
  dir: string,
  saved: S,
  args: string[] = [],
): Promise<z.output<S["schema"]>> {
  const path = join(dir, saved.file);
  if (!(await exists(path))) {
    const command = [saved.command, ...args].join(" ");
    throw new CliError(`${path}: no such file (save it with \`${command} > ${saved.file}\`)`, 2);
  }
  const document = parseDocument(await readText(path), path);
  const problems = listProblems(saved.schema, document);
  if (problems.length > 0) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    const lines = problems.slice(0, 20).map((p) => `  ${p.message}`);
    if (problems.length > 20) lines.push(`  … and ${problems.length - 20} more`);
    throw new CliError(
      `${path}: ${count} (expected the output of \`${saved.command}\`):\n${lines.join("\n")}`,
      2,
    );
  }
  return saved.schema.parse(document) as z.output<S["schema"]>;
}

async function checkDirectory(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new CliError(`--from ${dir}: not a directory`, 2);
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}

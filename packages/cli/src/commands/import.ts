import type { Command } from "commander";
import { processIo } from "../import/import-io.ts";
import { type ImportOptions, runImport } from "../import/run-import.ts";

const HELP = `
Reads the ECS scalable targets, scaling policies and scheduled actions of Application Auto Scaling (and the
CloudWatch alarms of step policies) and writes the gantry.yaml that reproduces them, for gantry apply.

--from DIR reads saved AWS CLI output instead of calling AWS:
  scalable-targets.json   aws application-autoscaling describe-scalable-targets --service-namespace ecs
  scaling-policies.json   aws application-autoscaling describe-scaling-policies --service-namespace ecs
  scheduled-actions.json  aws application-autoscaling describe-scheduled-actions --service-namespace ecs
  alarms.json             aws cloudwatch describe-alarms --alarm-names <the step policies' alarms>

What cannot be carried over is listed on stderr and as comments at the top of the file
("not carried over: <resource>: <setting>: <why>"). Exit codes: 0 written (even with such settings unless
--strict), 1 --strict found some or AWS failed, 2 bad input or flags.`;

/** `gantry import`: migrate from Application Auto Scaling. */
export function registerImport(program: Command): void {
  program
    .command("import")
    .description("write a gantry.yaml from the ECS services' Application Auto Scaling setup")
    .option("--region <region>", "the AWS region to read (default: the AWS config, AWS_REGION)")
    .option("--from <dir>", "read saved AWS CLI output from DIR instead of calling AWS")
    .option("-o, --output <file>", "write the file here (default: standard output)")
    .option("--force", "overwrite the -o file if it exists")
    .option("--strict", "exit 1 when a setting was not carried over (the file is still written)")
    .option(
      "--deregister",
      "then, once confirmed, deregister the imported services from Application Auto Scaling",
    )
    .option("--yes", "confirm --deregister without asking")
    .addHelpText("after", HELP)
    .action((options: ImportOptions) => runImport(options, processIo()));
}

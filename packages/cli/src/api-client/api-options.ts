import type { Command } from "commander";
import { CliError } from "../cli-error.ts";
import { type ApiClient, createApiClient } from "./api-client.ts";
import { resolveEndpoint } from "./endpoint.ts";

export interface ApiOptions {
  endpoint?: string;
  region?: string;
}

/** `--endpoint` and `--region`, shared by every command that talks to the API. */
export function withApiOptions(command: Command): Command {
  return command
    .option(
      "--endpoint <url>",
      "the Gantry API (default: GANTRY_ENDPOINT, else http://127.0.0.1:8787); non-loopback hosts are signed with SigV4",
    )
    .option(
      "--region <region>",
      "region to sign for when the endpoint host does not name one (default: AWS_REGION)",
    );
}

export function clientFor(options: ApiOptions): ApiClient {
  return createApiClient(resolveEndpoint(options.endpoint), options.region ? { region: options.region } : {});
}

const TARGET_ARG = /^(?:service\/)?([A-Za-z0-9_-]{1,255})\/([A-Za-z0-9_-]{1,255})$/;

/** `prod/worker` or `service/prod/worker` → `service/prod/worker`; exit 2 otherwise. */
export function targetIdArg(text: string): string {
  const match = TARGET_ARG.exec(text);
  if (!match) throw new CliError(`CLUSTER/SERVICE: expected e.g. prod/worker, got ${text}`, 2);
  return `service/${match[1]}/${match[2]}`;
}

/** Raw API JSON for `--json`. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

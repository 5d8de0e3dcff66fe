// `gantry dashboard` as a library: check the endpoint, the credentials and the build up front (so that a
// problem is one line in the terminal, not an error page), then serve. Tests inject credentials and signing.
import { isLoopback, resolveEndpoint } from "../api-client/endpoint.ts";
import {
  type CredentialsProvider,
  createSender,
  defaultCredentials,
  loadCredentials,
  type Send,
} from "../api-client/sigv4-fetch.ts";
import { CliError } from "../cli-error.ts";
import type { LocalServer } from "../http/local-server.ts";
import { requireDashboardBuild } from "./dashboard-dist.ts";
import { startDashboardServer } from "./dashboard-server.ts";

export interface DashboardOptions {
  /** `--endpoint`; GANTRY_ENDPOINT, else the local stack, when absent (as every API command). */
  endpoint?: string;
  region?: string;
  port: number;
  host: string;
  /** Default: packages/dashboard/dist. */
  staticDir?: string;
  /** Default: the default AWS credential chain. */
  credentials?: CredentialsProvider;
  /** Default: sign unless the endpoint is loopback, as the CLI does. */
  sign?: boolean;
  timeoutMs?: number;
  report?: (line: string) => void;
}

export interface RunningDashboard extends LocalServer {
  endpoint: URL;
  signed: boolean;
}

export async function startDashboard(options: DashboardOptions): Promise<RunningDashboard> {
  const endpoint = resolveEndpoint(options.endpoint);
  const signed = options.sign ?? !isLoopback(endpoint);
  const send = await senderFor(endpoint, signed, options);
  const staticDir = requireDashboardBuild(options.staticDir);
  const forward = {
    endpoint,
    send,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.report === undefined ? {} : { report: options.report }),
  };
  const server = await listen({ port: options.port, host: options.host, staticDir, forward });
  return { ...server, endpoint, signed };
}

/** The CLI's sender; when signing, the credentials are loaded once now so that missing ones fail at start. */
async function senderFor(endpoint: URL, signed: boolean, options: DashboardOptions): Promise<Send> {
  if (!signed) return createSender(endpoint, options.region, { sign: false });
  const credentials = options.credentials ?? (await defaultCredentials());
  const send = createSender(endpoint, options.region, { credentials, sign: true });
  await loadCredentials(credentials, endpoint);
  return send;
}

async function listen(options: Parameters<typeof startDashboardServer>[0]): Promise<LocalServer> {
  try {
    return await startDashboardServer(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw new CliError(`port ${options.port} is in use; choose another with --port`, 2);
    }
    throw new CliError(`--host: cannot listen on ${options.host}: ${code ?? (error as Error).message}`, 2);
  }
}

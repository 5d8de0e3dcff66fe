// The `gantry dashboard` process: start, print the URL, maybe open a browser, serve until stopped
// (wait-for-signal.ts).
import { isLoopback } from "../api-client/endpoint.ts";
import { openBrowser } from "../open-browser.ts";
import { waitForSignal } from "../wait-for-signal.ts";
import { startDashboard } from "./start-dashboard.ts";

export interface DashboardCommandOptions {
  endpoint?: string;
  region?: string;
  port: number;
  host: string;
  open: boolean;
}

const say = (line: string) => process.stdout.write(`Gantry dashboard: ${line}\n`);
const warn = (line: string) => process.stderr.write(`gantry dashboard: ${line}\n`);

export async function runDashboard(options: DashboardCommandOptions): Promise<void> {
  const dashboard = await startDashboard({ ...options, report: warn });
  // Listening before the URL is printed: whoever reads it may stop us at once.
  const stopped = waitForSignal();
  const how = dashboard.signed ? "signed with your AWS credentials" : "unsigned: loopback";
  say(`${dashboard.url} → ${dashboard.endpoint.origin}${dashboard.endpoint.pathname} (${how})`);
  if (!isLoopback(new URL(dashboard.url))) {
    // Whoever reaches this address calls the API, as you when requests are signed.
    const as = dashboard.signed ? "calls the API with your AWS credentials" : "calls the API";
    warn(`listening on ${options.host}: anyone who can reach it ${as}`);
  }
  if (options.open) openBrowser(dashboard.url);
  const reason = await stopped;
  await dashboard.close();
  say(`stopped (${reason})`);
}

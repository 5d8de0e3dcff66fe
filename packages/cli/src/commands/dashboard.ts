// `gantry dashboard`: the dashboard on 127.0.0.1 against a deployed API. A browser cannot sign the API's IAM
// (SigV4) auth, so this process serves the dashboard and forwards its API calls signed, like `kubectl proxy`.
// The proxy is imported only when the command runs.
import type { Command } from "commander";
import { withApiOptions } from "../api-client/api-options.ts";
import type { DashboardCommandOptions } from "../dashboard/run-dashboard.ts";
import { DEFAULT_DEV_PORT } from "./dev.ts";
import { portArg } from "./port-arg.ts";

/** Next to `gantry dev`'s, so that both can run (`gantry dashboard --endpoint http://127.0.0.1:8787`). */
export const DEFAULT_DASHBOARD_PORT = DEFAULT_DEV_PORT + 1;

export function registerDashboard(program: Command): void {
  const command = program
    .command("dashboard")
    .description("serve the dashboard locally, forwarding its API calls to --endpoint signed with SigV4");
  withApiOptions(command)
    .option("--port <n>", "port to listen on (0: any free port)", portArg, DEFAULT_DASHBOARD_PORT)
    .option("--host <address>", "address to listen on", "127.0.0.1")
    .option("--no-open", "do not open a browser")
    .action(async (options: DashboardCommandOptions) => {
      const { runDashboard } = await import("../dashboard/run-dashboard.ts");
      await runDashboard(options);
    });
}

// Where `npm run build -w @gantry/dashboard` puts the dashboard: `gantry dev` and `gantry dashboard` serve it.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CliError } from "../cli-error.ts";

export const DASHBOARD_DIST = fileURLToPath(new URL("../../../dashboard/dist", import.meta.url));

/** `dir` when it holds a build, else the one-line error that says how to make one. */
export function requireDashboardBuild(dir = DASHBOARD_DIST): string {
  if (existsSync(join(dir, "index.html"))) return dir;
  throw new CliError(`the dashboard is not built in ${dir}: run \`npm run build -w @gantry/dashboard\``, 1);
}

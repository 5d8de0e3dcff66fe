// The `gantry dev` process: start, print the URL, maybe open a browser, run until SIGINT/SIGTERM.
import { CliError } from "../cli-error.ts";
import { openBrowser } from "../open-browser.ts";
import { waitForSignal } from "../wait-for-signal.ts";
import { startDev } from "./dev-runtime.ts";

export interface DevCommandOptions {
  port: number;
  speed: number;
  open: boolean;
}

async function start(options: DevCommandOptions) {
  try {
    return await startDev({ port: options.port, speed: options.speed });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new CliError(`port ${options.port} is in use; choose another with --port`, 2);
    }
    throw error;
  }
}

/** Resolves once the server is closed after SIGINT or SIGTERM. */
export async function runDev(options: DevCommandOptions): Promise<void> {
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  const dev = await start(options);
  process.stdout.write(`Gantry dev: ${dev.url} (simulated account, speed ${options.speed}×)\n`);
  if (options.open) openBrowser(dev.url);
  await waitForSignal();
  await dev.stop();
  process.stdout.write("Gantry dev: stopped\n");
}

// The `gantry dev` process: start, print the URL, maybe open a browser, run until stopped (wait-for-signal.ts).
import { CliError } from "../cli-error.ts";
import { openBrowser } from "../open-browser.ts";
import { waitForSignal } from "../wait-for-signal.ts";
import { type DevOptions, startDev, startDevFromConfig } from "./dev-runtime.ts";

export interface DevCommandOptions {
  port: number;
  speed: number;
  open: boolean;
  config?: string;
}

const say = (line: string) => process.stdout.write(`Gantry dev: ${line}\n`);

async function start(options: DevCommandOptions) {
  const devOptions: DevOptions = { port: options.port, speed: options.speed };
  try {
    if (options.config === undefined) return await startDev(devOptions);
    const dev = await startDevFromConfig(options.config, devOptions);
    const groups = dev.fleet.groups.length;
    const onEc2 = groups === 0 ? "" : `, ${groups} EC2 group${groups === 1 ? "" : "s"}`;
    say(`${options.config}: ${dev.fleet.configs.length} targets${onEc2}`);
    return dev;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new CliError(`port ${options.port} is in use; choose another with --port`, 2);
    }
    throw error;
  }
}

/** Resolves once the server is closed after SIGINT, SIGTERM, SIGHUP or the end of the npm process above. */
export async function runDev(options: DevCommandOptions): Promise<void> {
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  const dev = await start(options);
  // Listening before the URL is printed: whoever reads it may stop us at once.
  const stopped = waitForSignal();
  say(`${dev.url} (simulated account, speed ${options.speed}×)`);
  if (options.open) openBrowser(dev.url);
  const reason = await stopped;
  await dev.stop();
  say(`stopped (${reason})`);
}

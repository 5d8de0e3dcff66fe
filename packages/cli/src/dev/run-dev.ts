// The `gantry dev` process: start, print the URL, maybe open a browser, run until SIGINT/SIGTERM.
import { spawn } from "node:child_process";
import { CliError } from "../cli-error.ts";
import { startDev } from "./dev-runtime.ts";

export interface DevCommandOptions {
  port: number;
  speed: number;
  open: boolean;
}

/** xdg-open / open, detached; failures (no browser, no display) are ignored. */
function openBrowser(url: string): void {
  const env = process.env;
  if (env.CI || (process.platform === "linux" && !env.DISPLAY && !env.WAYLAND_DISPLAY)) return;
  const command =
    process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
  try {
    const child = spawn(command, [url], { detached: true, stdio: "ignore" });
    child.on("error", () => undefined);
    child.unref();
  } catch {
    // No browser: the URL is printed anyway.
  }
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
  await new Promise<void>((resolve) => {
    const onSignal = () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolve();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
  await dev.stop();
  process.stdout.write("Gantry dev: stopped\n");
}

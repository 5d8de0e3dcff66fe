// Opens a URL in the user's browser for `gantry dev` and `gantry dashboard`; the URL is printed anyway.
import { spawn } from "node:child_process";

/** xdg-open / open, detached; failures (no browser, no display) are ignored. */
export function openBrowser(url: string): void {
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

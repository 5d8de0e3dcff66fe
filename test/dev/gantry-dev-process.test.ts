// The real `gantry dev` process: prints its URL, serves /targets, exits 0 on SIGTERM, SIGINT or SIGHUP, and
// when the npx that started it is stopped.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../packages/cli/bin/gantry.js", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
});

function waitForUrl(process: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    process.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Gantry dev: (http:\/\/127\.0\.0\.1:\d+) \(simulated account, speed \d+×\)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    process.once("exit", (code) => reject(new Error(`exited ${code} before printing a URL: ${out}`)));
  });
}

/** `gantry dev` on a free port at `speed`; resolves with its URL. */
function spawnDev(speed: number): Promise<string> {
  child = spawn(process.execPath, [BIN, "dev", "--port", "0", "--no-open", "--speed", String(speed)], {
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true", CI: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return waitForUrl(child);
}

/** Sends `signal` and resolves with the exit code, or fails if the process is still there after 5 s. */
async function stopWith(signal: NodeJS.Signals): Promise<number | null> {
  if (!child) throw new Error("no child");
  const exited = once(child, "exit");
  child.kill(signal);
  const [code] = (await Promise.race([
    exited,
    new Promise((_, reject) => setTimeout(() => reject(new Error("no exit within 5 s")), 5_000)),
  ])) as [number | null];
  return code;
}

/** Whether something accepts connections on the URL's port. */
function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Polls until the port is free; fails after `ms`. */
async function portFreed(url: string, ms: number): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    if (!(await listening(url))) return;
  }
  throw new Error(`${url} still listening after ${ms} ms`);
}

describe("gantry dev (process)", () => {
  it("serves the API on the printed URL and stops cleanly on SIGTERM", async () => {
    const url = await spawnDev(600);
    const response = await fetch(`${url}/targets`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("service/demo/web");
    expect(await stopWith("SIGTERM")).toBe(0);
  }, 20_000);

  it("exits promptly on Ctrl-C (SIGINT) at 1× while a tick invocation is parked between sub-ticks", async () => {
    const url = await spawnDev(1);
    // Once a target has a decision, the first tick has run a pass and is parked: at 1× its next sub-tick is 15 s
    // away, and the Lambda runtime's timer for that invocation (middy's early timeout) is still pending.
    for (let decided = false; !decided; await new Promise((r) => setTimeout(r, 100))) {
      decided = (await (await fetch(`${url}/targets`)).text()).includes('"lastDecision":{');
    }
    expect(await stopWith("SIGINT")).toBe(0);
  }, 20_000);

  it("stops on SIGHUP (the terminal closed)", async () => {
    await spawnDev(60);
    expect(await stopWith("SIGHUP")).toBe(0);
  }, 20_000);

  it("stops and frees its port when the npx that started it gets SIGTERM (npm's shell does not pass it on)", async () => {
    // npx → sh -c "gantry dev" → node: the signal reaches npx and its shell, and the node process sees its
    // parent gone.
    child = spawn("npx", ["gantry", "dev", "--port", "0", "--no-open", "--speed", "60"], {
      cwd: ROOT,
      env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true", CI: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const npx = child;
    let out = "";
    npx.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    const url = await waitForUrl(npx);
    expect(await listening(url)).toBe(true);
    npx.kill("SIGTERM");
    await portFreed(url, 8_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(out).toContain("Gantry dev: stopped (parent exited)");
  }, 30_000);

  it("runs a gantry.yaml with --config, and names the field of a bad one with exit 2", async () => {
    const args = [BIN, "dev", "--config", "examples/gantry.yaml", "--port", "0", "--no-open"];
    child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true", CI: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    const url = await waitForUrl(child);
    expect(out).toMatch(/^Gantry dev: examples\/gantry\.yaml: 3 targets, 1 EC2 group\n/);
    expect(await (await fetch(`${url}/targets`)).text()).toContain("service/prod/thumbnails-worker");
    expect(await stopWith("SIGTERM")).toBe(0);

    const bad = join(mkdtempSync(join(tmpdir(), "gantry-dev-")), "bad.yaml");
    writeFileSync(bad, "targets: []\ndev:\n  capacity:\n    g: { launchSeconds: -1 }\n");
    child = spawn(process.execPath, [BIN, "dev", "--config", bad, "--no-open"], { stdio: "pipe" });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toBe(
      `gantry: ${bad}: 1 problem:\n  dev.capacity.g.launchSeconds: Too small: expected number to be >=0\n`,
    );
  }, 30_000);

  it("rejects a bad --speed with exit 2", async () => {
    child = spawn(process.execPath, [BIN, "dev", "--speed", "0", "--no-open"], { stdio: "pipe" });
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(2);
  });
});

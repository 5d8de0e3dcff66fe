// `gantry --version` / `-V`: the CLI package's version, exit 0.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const GANTRY = fileURLToPath(new URL("../../packages/cli/bin/gantry.js", import.meta.url));
const { version } = JSON.parse(
  readFileSync(new URL("../../packages/cli/package.json", import.meta.url), "utf8"),
) as { version: string };

function run(args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [GANTRY, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("gantry --version", () => {
  it("prints packages/cli/package.json's version with --version and -V", async () => {
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    for (const flag of ["--version", "-V"]) {
      expect(await run([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    }
  });

  it("lists the flag in the help", async () => {
    expect((await run(["--help"])).stdout).toMatch(/-V, --version +print the version/);
  });
});

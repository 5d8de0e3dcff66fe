// The real `gantry` binary: `gantry import --from` writes a file that `gantry apply --dry-run` accepts against a
// local API, and that the API then stores as written (a second apply has nothing to change).
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiServer, startApiServer } from "./support/api-server.ts";
import { FIXTURES } from "./support/import-io.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const gantry = join(root, "node_modules/.bin/gantry");

function run(args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const env = { ...process.env, AWS_EC2_METADATA_DISABLED: "true", GANTRY_ENDPOINT: "" };
    execFile(gantry, args, { cwd: root, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("gantry import, then gantry apply", () => {
  let api: ApiServer;
  const file = join(mkdtempSync(join(tmpdir(), "gantry-import-")), "gantry.yaml");

  beforeAll(async () => {
    api = await startApiServer();
  });
  afterAll(async () => {
    await api.close();
  });

  it("writes the file, which apply --dry-run accepts and apply stores as written", async () => {
    const imported = await run(["import", "--from", FIXTURES, "-o", file]);
    expect(imported).toMatchObject({ code: 0, stdout: "" });
    expect(imported.stderr).toMatch(
      new RegExp(`^Imported 3 targets, 7 policies, 5 scheduled actions to ${file}\\.\n`),
    );
    expect(readFileSync(file, "utf8")).toMatch(/^# Imported by `gantry import`/);

    const dryRun = await run(["apply", "-f", file, "--dry-run", "--endpoint", api.endpoint]);
    expect(dryRun.stderr).toBe("");
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain(
      "+ service/prod/web: new target (2–20 tasks, 2 policies, 3 scheduled actions)",
    );
    expect(dryRun.stdout).toContain("Plan: 3 to add, 0 to change, 0 to delete, 0 unchanged.");

    expect((await run(["apply", "-f", file, "--endpoint", api.endpoint])).stdout).toContain(
      "Applied 3 change(s).",
    );
    const again = await run(["apply", "-f", file, "--dry-run", "--endpoint", api.endpoint]);
    expect(again.stdout).toContain("Plan: 0 to add, 0 to change, 0 to delete, 3 unchanged.");
  });

  it("the repository's examples/gantry.yaml passes apply --dry-run as well", async () => {
    const fresh = await startApiServer();
    const example = await run([
      "apply",
      "-f",
      join(root, "examples/gantry.yaml"),
      "--dry-run",
      "--endpoint",
      fresh.endpoint,
    ]);
    await fresh.close();
    expect(example.stderr).toBe("");
    expect(example.stdout).toContain(
      "+ service/prod/web: new target (2–20 tasks, 3 policies, 2 scheduled actions)",
    );
  });

  it("--strict exits 1 when something was not carried over, the file still written; -o never overwrites silently", async () => {
    const strictFile = join(mkdtempSync(join(tmpdir(), "gantry-import-")), "gantry.yaml");
    const strict = await run(["import", "--from", FIXTURES, "-o", strictFile, "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/gantry: 3 setting\(s\) not carried over \(--strict\)\n$/);
    expect(existsSync(strictFile)).toBe(true);

    const exists = await run(["import", "--from", FIXTURES, "-o", strictFile]);
    expect(exists).toMatchObject({
      code: 2,
      stderr: `gantry: ${strictFile}: exists (pass --force to overwrite it)\n`,
    });
    expect((await run(["import", "--from", FIXTURES, "-o", strictFile, "--force"])).code).toBe(0);
  });
});

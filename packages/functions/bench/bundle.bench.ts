// `npm run bench:bundle [-- --json] [-- --runs N]`: every Lambda handler the SST app defines (infra/*.ts), bundled
// as `sst deploy` bundles it, with its size against the 1 MB goal and its cold import time.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { type ColdImport, coldImport, ImportFailedError } from "./cold-import.ts";
import { BUNDLE_GOAL_BYTES, type BundleFigures, bundleFunction } from "./sst-build.ts";
import { readSstFunctions, type SstFunction } from "./sst-functions.ts";

const ROOT = resolve(import.meta.dirname, "../../..");
const { values: args } = parseArgs({
  options: { json: { type: "boolean", default: false }, runs: { type: "string", default: "5" } },
});
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs must be a whole number ≥ 1, got ${args.runs}`);

interface Row {
  fn: SstFunction;
  bundle: BundleFigures;
  cold: ColdImport | { error: string };
}

async function measure(fn: SstFunction, outDir: string): Promise<Row> {
  const dir = join(outDir, fn.id);
  mkdirSync(dir);
  const bundle = await bundleFunction(fn, dir, ROOT);
  try {
    return { fn, bundle, cold: coldImport(fn, bundle.file, runs) };
  } catch (err) {
    if (err instanceof ImportFailedError) return { fn, bundle, cold: { error: err.message } };
    throw err;
  }
}

function jsonLine({ fn, bundle, cold }: Row): string {
  return JSON.stringify({
    handler: fn.handler,
    function: fn.id,
    runtime: fn.runtime,
    architecture: fn.architecture,
    minify: fn.minify,
    plugins: fn.plugins ?? null,
    bytes: bundle.bytes,
    gzipBytes: bundle.gzipBytes,
    goalBytes: BUNDLE_GOAL_BYTES,
    ratioToGoal: round(bundle.bytes / BUNDLE_GOAL_BYTES, 3),
    withinGoal: bundle.bytes <= BUNDLE_GOAL_BYTES,
    zodLocales: bundle.zodLocales.length,
    importsCleanly: !("error" in cold),
    ...("error" in cold
      ? { importError: cold.error }
      : {
          coldImportMs: round(cold.medianMs, 1),
          coldImportBestMs: round(cold.bestMs, 1),
          coldImportCpuMs: round(cold.cpuMedianMs, 1),
          coldImportRunsMs: cold.runsMs.map((ms) => round(ms, 1)),
        }),
  });
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const round = (value: number, digits: number) => Number(value.toFixed(digits));

function tableLine({ fn, bundle, cold }: Row): string {
  const ratio = bundle.bytes / BUNDLE_GOAL_BYTES;
  const goal = `${ratio.toFixed(2)}× ${bundle.bytes <= BUNDLE_GOAL_BYTES ? "met" : "OVER"}`;
  const imported = "error" in cold ? "FAILED" : `${cold.medianMs.toFixed(0)} ms (${cold.bestMs.toFixed(0)})`;
  const cpu = "error" in cold ? "" : `${cold.cpuMedianMs.toFixed(0)} ms`;
  const locales = bundle.zodLocales.length ? `${bundle.zodLocales.length} files` : "none";
  return [
    fn.id.padEnd(12),
    kb(bundle.bytes).padStart(10),
    kb(bundle.gzipBytes).padStart(10),
    goal.padStart(11),
    locales.padStart(12),
    imported.padStart(18),
    cpu.padStart(8),
  ].join("  ");
}

const functions = readSstFunctions(ROOT);
const outDir = mkdtempSync(join(tmpdir(), "gantry-bundles-"));
try {
  if (!args.json) {
    const settings = functions.map(
      (f) =>
        `${f.id} ${f.runtime}/${f.architecture}${f.minify ? ", minified" : ""}${f.plugins ? `, plugins ${f.plugins}` : ""}`,
    );
    console.log(`node ${process.version}; as sst deploy bundles them (${settings.join("; ")})\n`);
    console.log(
      `${"function".padEnd(12)}  ${"bundle".padStart(10)}  ${"gzip".padStart(10)}  ${"÷ 1 MB goal".padStart(11)}  ${"zod locales".padStart(12)}  ${`import, ×${runs} (best)`.padStart(18)}  ${"CPU".padStart(8)}`,
    );
  }
  const failed: string[] = [];
  for (const fn of functions) {
    const row = await measure(fn, outDir);
    console.log(args.json ? jsonLine(row) : tableLine(row));
    if ("error" in row.cold) failed.push(row.cold.error);
  }
  if (!args.json) {
    console.log(
      `\nimport: median (and best) time of \`await import(bundle)\` in ${runs} fresh node processes, start-up excluded;` +
        " CPU: the median CPU time (user + system) of the same imports, which other jobs on the machine disturb less",
    );
  }
  // A bundle that does not import would fail its first invocation: that is an error, not a figure.
  for (const message of failed) console.error(message);
  if (failed.length) process.exitCode = 1;
} finally {
  rmSync(outDir, { recursive: true, force: true });
}

// A handler bundle's cold import: fresh `node` processes that each import it once, as a Lambda init does.
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import type { SstFunction } from "./sst-functions.ts";

export interface ColdImport {
  /** Median time of `await import(bundle)` inside the process (Node's own start-up excluded), in ms. */
  medianMs: number;
  /** The fastest run: the one other processes on a shared machine disturbed least. */
  bestMs: number;
  runsMs: number[];
  /**
   * Median CPU time (user + system) the process spent in the import, in ms: on a machine shared with other jobs
   * the wall time mostly measures waiting for a core, the CPU time much less so.
   */
  cpuMedianMs: number;
}

/** A bundle that threw while being imported, or did not export the handler Lambda calls. */
export class ImportFailedError extends Error {}

/**
 * What Lambda sets, plus the variables infra/ gives the handlers. Nothing else from this shell leaks in, so an
 * import that needs more fails here as it would on Lambda. No AWS call is made: dependencies are built on first
 * invocation, and IMDS is off in case anything asked for credentials.
 */
export function lambdaEnv(fn: SstFunction): Record<string, string> {
  return {
    AWS_REGION: "us-east-1",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: `gantry-bench-${fn.id}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "512",
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_EC2_METADATA_DISABLED: "true",
    LAMBDA_TASK_ROOT: "/var/task",
    TZ: ":UTC",
    TABLE_NAME: "gantry-bench-State",
    EVENT_BUS_NAME: "default",
    SUB_TICK_SECONDS: "15",
    GANTRY_STAGE: "bench",
    BACKTEST_FUNCTION_NAME: "gantry-bench-Backtest",
  };
}

/** Imports `file` in `runs` fresh processes; throws ImportFailedError with the child's stderr if one fails. */
export function coldImport(fn: SstFunction, file: string, runs: number): ColdImport {
  const url = JSON.stringify(pathToFileURL(file).href);
  const script = [
    "const cpu = process.cpuUsage();",
    "const start = performance.now();",
    `const module = await import(${url});`,
    "const ms = performance.now() - start;",
    "const used = process.cpuUsage(cpu);",
    `if (typeof module[${JSON.stringify(fn.exportName)}] !== "function") throw new Error("no handler export");`,
    "process.stdout.write(JSON.stringify([ms, (used.user + used.system) / 1000]));",
  ].join("\n");
  const measured = Array.from({ length: runs }, () => {
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      env: lambdaEnv(fn),
      encoding: "utf8",
    });
    if (child.status !== 0) {
      throw new ImportFailedError(`${fn.id}: importing ${file} failed: ${child.stderr.trim()}`);
    }
    return JSON.parse(child.stdout) as [wallMs: number, cpuMs: number];
  });
  const runsMs = measured.map(([wallMs]) => wallMs);
  return {
    medianMs: median(runsMs),
    bestMs: Math.min(...runsMs),
    runsMs,
    cpuMedianMs: median(measured.map(([, cpuMs]) => cpuMs)),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

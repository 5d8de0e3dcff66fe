// Shared by the `gantry simulate` CLI tests: the pinned report keys (stated here on purpose, not imported from
// the code, so a change to the contract fails the tests), a burst trace fixture and an async runner.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

export const root = fileURLToPath(new URL("../../..", import.meta.url));
const gantry = join(root, "node_modules/.bin/gantry");

export const REPORT_KEYS = [
  "scaler",
  "trace",
  "messages",
  "sloSeconds",
  "withinSloPct",
  "p50WaitS",
  "p99WaitS",
  "maxWaitS",
  "maxBacklog",
  "taskSeconds",
  "fluidBoundTaskSeconds",
  "costRatio",
  "scalingActions",
  "firstScaleOutDelayS",
  "workTaskSeconds",
  "workRatio",
  "launches",
  "relaunchesWithin3Min",
  "relaunchesWithin3MinPct",
];

/** 15 quiet-ish minutes with a burst in minutes 4–5, so every scaler has to scale out. */
export const COUNTS = [2, 3, 2, 4, 200, 150, 3, 2, 2, 1, 0, 2, 3, 1, 2];

/** Writes the burst fixture as a `time,count` CSV into a fresh temp folder. */
export function burstTrace(prefix: string): { dir: string; trace: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const trace = join(dir, "burst.csv");
  writeFileSync(trace, ["time,count", ...COUNTS.map((count, i) => `${i * 60},${count}`)].join("\n"));
  return { dir, trace };
}

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `gantry simulate ARGS`, asynchronous so that the tests (each mostly Node's start-up) run side by side. */
export function runSimulate(args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(gantry, ["simulate", ...args], { cwd: root });
    let [stdout, stderr] = ["", ""];
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** `gantry simulate ARGS --json`, which must succeed quietly; its parsed report. */
export async function simulateJson(args: readonly string[]) {
  const { code, stdout, stderr } = await runSimulate([...args, "--json"]);
  expect(stderr).toBe("");
  expect(code).toBe(0);
  return JSON.parse(stdout);
}

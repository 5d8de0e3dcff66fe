import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runFrontierTasks } from "./frontier-pool.ts";
import type { FrontierScenario } from "./frontier-scenarios.ts";
import {
  chosenOnTune,
  dominatesOn,
  frontierSummaryTable,
  groupCases,
  uncoveredPoints,
} from "./frontier-table.ts";
import { frontierPlan, knobsOf } from "./run-frontier.ts";
import { frontierMarkdown, writeFrontier } from "./write-frontier.ts";

/** Two hours of per-minute counts: a quiet start, a burst, a lull. */
function fixtureDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "gantry-frontier-"));
  const minutes = Array.from({ length: 120 }, (_, m) => (m < 30 ? 20 : m < 50 ? 300 : m < 90 ? 60 : 5));
  writeFileSync(
    join(dir, "burst.csv"),
    `time,count\n${minutes.map((c, m) => `${m * 60},${c}`).join("\n")}\n`,
  );
  return dir;
}

const scenario: FrontierScenario = {
  id: "fixture",
  trace: "burst.csv",
  load: {},
  processingSeconds: 2,
  why: "fixture",
};

describe("the frontier sweep", async () => {
  const dir = fixtureDir();
  const tasks = frontierPlan([scenario], [60]);
  const seen: string[] = [];
  const points = await runFrontierTasks(tasks, {
    tracesDir: dir,
    scenarios: [scenario],
    jobs: 1,
    onPoint: (p) => seen.push(p.setting),
  });
  const [c] = groupCases(points);

  it("runs every knob of every scaler once and scores both parts", () => {
    expect(points).toHaveLength(7 + 3 * 5); // Gantry sweeps seven targets, the baselines five settings
    expect(seen).toHaveLength(points.length);
    expect(points.filter((p) => p.scaler === "keda").map((p) => p.knob)).toEqual([...knobsOf("keda")]);
    for (const p of points) {
      expect(p.tune.messages + p.validate.messages).toBe(p.all.messages);
      expect(p.all.workRatio).toBeGreaterThanOrEqual(1);
    }
    // Gantry's knob moves it along the trade-off: a higher target runs fewer task-seconds.
    const gantry = points.filter((p) => p.scaler === "gantry");
    expect(gantry.at(-1)?.all.taskSeconds).toBeLessThan(gantry[0]?.all.taskSeconds ?? 0);
  });

  it("gives the same points on worker threads", async () => {
    const some = tasks.filter((t) => t.scaler === "keda");
    const threaded = await runFrontierTasks(some, { tracesDir: dir, scenarios: [scenario], jobs: 2 });
    const key = (p: { knob: number }) => p.knob;
    const strip = ({ runSeconds: _, ...p }: (typeof points)[number]) => p;
    expect(threaded.sort((a, b) => key(a) - key(b)).map(strip)).toEqual(
      points.filter((p) => p.scaler === "keda").map(strip),
    );
  });

  it("says per baseline whether gantry's frontier dominates, naming the points it misses", () => {
    if (c === undefined) throw new Error("no case");
    for (const baseline of ["aws-target-tracking", "aws-step", "keda"]) {
      for (const part of ["tune", "validate"] as const) {
        expect(dominatesOn(c, baseline, part)).toBe(uncoveredPoints(c, baseline, part).length === 0);
      }
    }
    const table = frontierSummaryTable([c], ["aws-target-tracking", "aws-step", "keda"]);
    expect(table).toMatch(/^\| fixture \| 60 s \| (yes|no \(.+\)) \/ (yes|no \(.+\)) \|/m);
    const chosen = chosenOnTune(c);
    expect(chosen?.scaler).toBe("gantry");
    expect(table).toContain(`| ${chosen?.setting} |`);
  });

  it("writes the markdown, the JSON and a chart per trace and SLO", () => {
    const out = join(dir, "out");
    const files = writeFrontier(out, points, {
      header: "# Frontiers",
      scalers: ["gantry", "keda"],
      describe: () => "d",
    });
    expect(files).toHaveLength(3);
    expect(files.every((f) => existsSync(f))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, "frontier.json"), "utf8"))).toHaveLength(points.length);
    const svg = readFileSync(join(out, "frontier", "fixture--slo60.svg"), "utf8");
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain("gantry (validate)");
    expect(frontierMarkdown(points, "# F", ["gantry", "keda"])).toContain("### fixture, SLO 60 s");
  });
});

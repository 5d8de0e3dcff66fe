import { describe, expect, it } from "vitest";
import type { SimulationResult } from "../engine/simulation-result.ts";
import { PLOT_SERIES_NAMES, plotSimulation, simulationChartOption } from "./plot-simulation.ts";

/** A synthetic result: `minutes` of a daily wave, with a scaling action every 10 minutes. */
function result(minutes: number): SimulationResult {
  const wave = (i: number) => Math.round(50 + 40 * Math.sin((2 * Math.PI * i) / 1440));
  const desired = Array.from({ length: minutes }, (_, i) => Math.ceil(wave(i - (i % 10)) / 10));
  const actions = desired.flatMap((to, i) =>
    i > 0 && to !== desired[i - 1]
      ? [{ at: Date.UTC(2026, 0, 1) + i * 60_000, from: desired[i - 1] ?? 0, to }]
      : [],
  );
  const series = {
    startMs: Date.UTC(2026, 0, 1),
    arrivals: Array.from({ length: minutes }, (_, i) => wave(i)),
    backlog: Array.from({ length: minutes }, (_, i) => (i % 97 === 0 ? 500 : i % 5)),
    inFlight: desired,
    desired,
    running: desired.map((d, i) => desired[i - 1] ?? d),
    pending: Array(minutes).fill(0),
  };
  return {
    scaler: "keda",
    trace: "wave",
    seed: 0,
    startMs: series.startMs,
    durationSeconds: minutes * 60,
    messages: 1,
    processed: 1,
    stillQueued: 0,
    deadLettered: 0,
    redeliveries: 0,
    p50WaitS: 0,
    p99WaitS: 0,
    maxWaitS: 0,
    sloSeconds: 60,
    withinSloPct: 100,
    maxBacklog: 500,
    taskSeconds: 1,
    workTaskSeconds: 1,
    workRatio: 1,
    launches: 0,
    relaunchesWithin3Min: 0,
    relaunchesWithin3MinPct: 0,
    scalingActions: actions.length,
    firstScaleOutDelayS: null,
    initialDesired: desired[0] ?? 0,
    actions,
    series,
  };
}

describe("plotSimulation", () => {
  it("renders an SVG with the title, the axes and every series in the legend", () => {
    const svg = plotSimulation(result(240), { subtitle: "a test wave" });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    for (const text of [
      "keda on wave",
      "a test wave",
      "messages",
      "tasks",
      ...Object.values(PLOT_SERIES_NAMES),
    ]) {
      expect(svg).toContain(text);
    }
  });

  it("is deterministic, even the renderer's ids and CSS class names", () => {
    const svg = plotSimulation(result(300));
    plotSimulation(result(20));
    expect(plotSimulation(result(300))).toBe(svg);
    expect(svg).not.toMatch(/zr\d/);
  });

  it("draws lines against time, messages on the left axis and tasks on the right", () => {
    const option = simulationChartOption(result(10));
    const [arrivals, backlog, desired, running, scaleOut, scaleIn] = option.series;
    expect([arrivals?.yAxisIndex, backlog?.yAxisIndex, desired?.yAxisIndex, running?.yAxisIndex]).toEqual([
      0, 0, 1, 1,
    ]);
    // Entry i is the minute ending at start + (i + 1) min.
    expect(arrivals?.data[0]).toEqual([Date.UTC(2026, 0, 1) + 60_000, 50]);
    expect([scaleOut?.type, scaleIn?.type]).toEqual(["scatter", "scatter"]);
  });

  it("thins a month of minutes to a small SVG", () => {
    const option = simulationChartOption(result(30 * 1440));
    for (const series of option.series) expect(series.data.length).toBeLessThanOrEqual(2000);
    expect(plotSimulation(result(30 * 1440)).length).toBeLessThan(400_000);
  });
});

import { describe, expect, it } from "vitest";
import type { WindowFigures } from "../engine/score-window.ts";
import { chosenOnTune, type FrontierCase } from "./frontier-table.ts";
import type { FrontierPoint } from "./run-frontier.ts";

/** A gantry point at `knob` % scoring `pct` % in time at `ratio`× work on the tuning part. */
function point(knob: number, pct: number, ratio: number): FrontierPoint {
  const tune = { withinSloPct: pct, workRatio: ratio } as WindowFigures;
  return {
    scenarioId: "t",
    sloSeconds: 120,
    scaler: "gantry",
    knob,
    setting: `target ${knob} %`,
    all: tune,
    tune,
    validate: tune,
    runSeconds: 0,
  };
}

const at = (points: FrontierPoint[]): FrontierCase => ({ scenarioId: "t", sloSeconds: 120, points });

describe("the setting chosen on the tuning part", () => {
  it("is the cheapest that meets the goal", () => {
    const chosen = chosenOnTune(at([point(100, 100, 1.14), point(220, 99.6, 1.1), point(400, 90, 1.02)]));
    expect(chosen?.knob).toBe(220);
  });

  it("else the cheapest that keeps the goal's share in time, not a costlier one a hair ahead", () => {
    const chosen = chosenOnTune(at([point(75, 100, 2.86), point(150, 99.999, 1.85), point(300, 98.9, 1.5)]));
    expect(chosen?.knob).toBe(150);
  });

  it("else the one with the most in time", () => {
    expect(chosenOnTune(at([point(75, 96, 4.6), point(100, 94, 3.9)]))?.knob).toBe(75);
    expect(chosenOnTune(at([]))).toBeUndefined();
  });
});

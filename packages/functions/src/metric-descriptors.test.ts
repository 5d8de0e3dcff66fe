import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { METRICS, metricDescriptor } from "./metric-descriptors.ts";

const packages = resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map((file) => readFileSync(join(dir, file), "utf8"));
}

/** Quoted metric names on the lines that emit them: telemetry.record(…), metrics.addMetric(…) and COUNTED. */
function emittedNames(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(/(?:\.record|addMetric)\(\s*"([A-Za-z]+)"/g))
    names.push(match[1] ?? "");
  for (const match of source.matchAll(/addMetric\([^"\n]*\?\s*"([A-Za-z]+)"\s*:\s*"([A-Za-z]+)"/g)) {
    names.push(match[1] ?? "", match[2] ?? "");
  }
  // Names taken from the descriptors themselves (aws-call-count.ts).
  for (const match of source.matchAll(/METRICS\.([A-Za-z]+)\.name/g)) names.push(match[1] ?? "");
  // pass-report.ts's COUNTED table: [name, test] pairs the report records in a loop.
  const counted = /const COUNTED[^\n]*\n([\s\S]*?)\n\];/.exec(source)?.[1] ?? "";
  for (const match of counted.matchAll(/\[\s*"([A-Za-z]+)",/g)) names.push(match[1] ?? "");
  return names;
}

const runtimeNames = new Set(sources(join(packages, "runtime/src")).flatMap(emittedNames));
const functionNames = new Set(sources(join(packages, "functions/src")).flatMap(emittedNames));

describe("metric descriptors", () => {
  it("finds the names the runtime and the handlers emit (the scan itself works)", () => {
    for (const name of ["Decisions", "Failures", "PassDuration", "DesiredInstances", "AlarmSyncFailures"]) {
      expect(runtimeNames.has(name), name).toBe(true);
    }
    for (const name of ["TickPasses", "AlarmEventsFailed", "ApiRequests", "ApiServerErrors"]) {
      expect(functionNames.has(name), name).toBe(true);
    }
  });

  it("declares every name the runtime records and every name a handler adds", () => {
    const undeclared = [...runtimeNames, ...functionNames].filter((name) => !metricDescriptor(name));
    expect(undeclared).toEqual([]);
  });

  it("declares nothing nobody emits (Powertools' own ColdStart aside)", () => {
    const emitted = new Set([...runtimeNames, ...functionNames, "ColdStart"]);
    expect(Object.keys(METRICS).filter((name) => !emitted.has(name))).toEqual([]);
  });

  it("names each descriptor by its key, and gives a per-target or per-group dimension only to gauges", () => {
    for (const [key, descriptor] of Object.entries(METRICS)) {
      expect(descriptor.name).toBe(key);
      const perEntity = descriptor.dimensions.some((d) => d === "TargetId" || d === "CapacityGroup");
      if (perEntity) expect(descriptor.unit, key).toBe("None");
    }
    expect(METRICS.DesiredInstances.dimensions).toEqual(["CapacityGroup"]);
  });
});

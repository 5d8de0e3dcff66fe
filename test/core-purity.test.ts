import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The core is the same code in Lambda, `npm start` and the simulator: it must not do I/O, read the clock or
// the environment (DESIGN §1). Biome's noRestrictedImports flags the same in editors; this test is the gate.
const coreSrc = fileURLToPath(new URL("../packages/core/src", import.meta.url));
const ALLOWED_PACKAGES = new Set(["zod", "croner"]);
const FORBIDDEN_CODE: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, "Date.now()"],
  [/\bnew Date\s*\(\s*\)/, "new Date() without an argument (reads the clock)"],
  [/\bprocess\s*\./, "process.* (environment, exit, I/O)"],
  [/\bperformance\s*\.\s*now\b/, "performance.now()"],
  [/\bMath\.random\s*\(/, "Math.random() (decisions must be deterministic)"],
  [/\b(fetch|setTimeout|setInterval|require)\s*\(/, "timers, fetch or require"],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") &&
      !entry.name.endsWith(".test.ts") &&
      !entry.name.includes("test-support")
      ? [path]
      : [];
  });
}

function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

function imports(code: string): string[] {
  return [
    ...code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^"'`]*?from\s*["']([^"']+)["']/g),
    ...code.matchAll(/import\s*\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1] as string);
}

/** What a file breaks: imports outside the allowed set, and clock/env/random/I-O calls. */
export function violations(code: string): string[] {
  const clean = stripComments(code);
  const found: string[] = [];
  for (const spec of imports(clean)) {
    if (spec.startsWith(".")) continue;
    const pkg = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : (spec.split("/")[0] as string);
    if (!ALLOWED_PACKAGES.has(pkg)) found.push(`imports ${spec}`);
  }
  for (const [pattern, what] of FORBIDDEN_CODE) if (pattern.test(clean)) found.push(`uses ${what}`);
  return found;
}

describe("packages/core stays pure", () => {
  it("imports nothing that does I/O and never reads the clock, the environment or randomness", () => {
    const files = sourceFiles(coreSrc);
    expect(files.length).toBeGreaterThan(20);
    const problems = files.flatMap((file) =>
      violations(readFileSync(file, "utf8")).map((v) => `${relative(coreSrc, file)}: ${v}`),
    );
    expect(problems).toEqual([]);
  });

  it.each([
    ['import { readFileSync } from "node:fs";', "imports node:fs"],
    ['import { ECSClient } from "@aws-sdk/client-ecs";', "imports @aws-sdk/client-ecs"],
    ['import net from "net";', "imports net"],
    ["const region = process.env.AWS_REGION;", "uses process.*"],
    ["const t = Date.now();", "uses Date.now()"],
    ["const t = new Date();", "uses new Date() without an argument"],
    ['const m = await import("node:net");', "imports node:net"],
  ])("catches %s", (code, expected) => {
    expect(violations(code).join("; ")).toContain(expected);
  });

  it("allows pure code", () => {
    expect(
      violations('import { z } from "zod";\nconst t = new Date(0).toISOString(); // Date.now() in a comment'),
    ).toEqual([]);
  });
});

import { readdirSync } from "node:fs";
import { join } from "node:path";

const ALLOWED_PACKAGES = new Set(["zod", "croner"]);
const FORBIDDEN_CODE: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, "Date.now()"],
  [/\bnew Date\s*\(\s*\)/, "new Date() without an argument (reads the clock)"],
  [/\bprocess\s*\./, "process.* (environment, exit, I/O)"],
  [/\bperformance\s*\.\s*now\b/, "performance.now()"],
  [/\bMath\.random\s*\(/, "Math.random() (decisions must be deterministic)"],
  [/\b(fetch|setTimeout|setInterval|require)\s*\(/, "timers, fetch or require"],
];

export function sourceFiles(dir: string): string[] {
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

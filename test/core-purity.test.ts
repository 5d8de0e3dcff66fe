import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { sourceFiles, violations } from "./support/core-purity-scan.ts";

// The core is the same code in Lambda, `npm start` and the simulator: it must not do I/O, read the clock or
// the environment (DESIGN §1). Biome's noRestrictedImports flags the same in editors; this test is the gate.
const coreSrc = fileURLToPath(new URL("../packages/core/src", import.meta.url));
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

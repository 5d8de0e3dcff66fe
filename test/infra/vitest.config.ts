import { defineConfig } from "vitest/config";

// Separate from the root config: these tests need `sst install` (.sst/platform); run them with npm run test:infra.
// biome-ignore lint/style/noDefaultExport: vitest loads its config from the default export
export default defineConfig({
  test: {
    include: ["test/infra/**/*.spec.ts"],
    // .ci/run adds these counts to the unit tests' for its summary line.
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-infra-report.json" },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
